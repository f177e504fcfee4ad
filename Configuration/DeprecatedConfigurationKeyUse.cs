namespace Sessions.Configuration;

/// <summary>A deprecated key found in the configuration, and whether its value took effect.</summary>
/// <param name="Key">Which key, and its replacement.</param>
/// <param name="OverriddenBy">
/// Null when its value is used for the new key; otherwise the key whose value is used instead (the new key, or another
/// deprecated key, set by a source of higher precedence).
/// </param>
public sealed record DeprecatedConfigurationKeyUse(DeprecatedConfigurationKey Key, string? OverriddenBy)
{
    public bool Applied => OverriddenBy is null;

    public string Warning => Applied
        ? $"Configuration key '{Key.OldKey}' is deprecated and will stop working in the next release; its value is used as '{Key.NewKey}' (environment variable {Key.NewEnvironmentVariable}). Rename it."
        : $"Configuration key '{Key.OldKey}' is deprecated and ignored: '{OverriddenBy}' is set too and takes precedence. Remove '{Key.OldKey}'; the key to use is '{Key.NewKey}'.";
}
