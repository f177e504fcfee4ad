using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Sessions.Configuration;

/// <summary>
/// Checks the raw configuration texts of an options class before it is bound, so that "SessionExpiry:IdleTimeout
/// 'soon' is not a TimeSpan" stops the start instead of a binder exception without the allowed values.
/// </summary>
internal static class ConfigurationTextCheck
{
    public static void ThrowIfInvalid<TOptions>(IConfiguration configuration, string sectionName)
    {
        var errors = new List<string>();
        Check(typeof(TOptions), configuration.GetSection(sectionName), errors);
        if (errors.Count > 0)
        {
            throw new OptionsValidationException(sectionName, typeof(TOptions), errors);
        }
    }

    private static void Check(Type type, IConfigurationSection section, List<string> errors)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.SetMethod is not { IsPublic: true })
            {
                continue;
            }

            var child = section.GetSection(property.Name);
            var target = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (IsNested(target))
            {
                Check(target, child, errors);
            }
            else if (!string.IsNullOrWhiteSpace(child.Value) && Describe(target, child.Value) is { } problem)
            {
                errors.Add($"{child.Path} '{child.Value}' {problem}");
            }
        }
    }

    private static bool IsNested(Type type) =>
        type.IsClass && type != typeof(string) && !typeof(System.Collections.IEnumerable).IsAssignableFrom(type);

    /// <summary>Why <paramref name="text"/> is not a <paramref name="type"/>, or null when it converts.</summary>
    private static string? Describe(Type type, string text)
    {
        if (type.IsEnum)
        {
            return Enum.TryParse(type, text, ignoreCase: true, out var value) && Enum.IsDefined(type, value!)
                ? null
                : $"is not one of {string.Join(", ", Enum.GetNames(type))}.";
        }

        if (type == typeof(string))
        {
            return null;
        }

        try
        {
            _ = TypeDescriptor.GetConverter(type).ConvertFromString(null, CultureInfo.InvariantCulture, text);
            return null;
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException or OverflowException or NotSupportedException)
        {
            return type == typeof(TimeSpan)
                ? "is not a time span (e.g. 00:20:00 for 20 minutes, 1.00:00:00 for a day)."
                : $"is not a valid {(type == typeof(bool) ? "boolean (true or false)" : type.Name)}.";
        }
    }
}
