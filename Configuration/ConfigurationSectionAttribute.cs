namespace Sessions.Configuration;

/// <summary>
/// Marks an options class as the model of one configuration section: its name and who reads it. The
/// configuration table of docs/configuration.md is generated from the classes that carry it and from their documentation.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ConfigurationSectionAttribute(string name, ConfigurationReaders readers) : Attribute
{
    public string Name { get; } = name;

    public ConfigurationReaders Readers { get; } = readers;
}
