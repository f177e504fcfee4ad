namespace Sessions.Configuration;

/// <summary>Narrows, for one option, the readers its <see cref="ConfigurationSectionAttribute"/> names for the whole section.</summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class ReadByAttribute(ConfigurationReaders readers) : Attribute
{
    public ConfigurationReaders Readers { get; } = readers;
}
