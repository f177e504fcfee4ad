using Microsoft.Extensions.Options;

namespace Sessions.AspNetCore;

/// <summary>
/// What an app sets on the stock <see cref="SessionOptions"/> in code lands on our options: <c>Cookie.Name</c>,
/// <c>Path</c>, <c>Domain</c>, <c>SameSite</c> and <c>SecurePolicy</c> on <see cref="SessionCookieOptions"/>, <c>IOTimeout</c> and
/// <c>IdleTimeout</c> on <see cref="OrleansSessionOptions"/>. A setting left at the stock default changes nothing; one that contradicts the
/// configuration of the same option stops the start. What cannot apply is refused by <see cref="StockSessionOptionsValidator"/>.
/// </summary>
internal sealed class StockSessionOptionsMapping(IOptions<SessionOptions> stock)
    : IPostConfigureOptions<SessionCookieOptions>, IPostConfigureOptions<OrleansSessionOptions>
{
    private static readonly SessionOptions StockDefaults = new();
    private static readonly SessionCookieOptions CookieDefaults = new();
    private static readonly OrleansSessionOptions SessionDefaults = new();

    public void PostConfigure(string? name, SessionCookieOptions options)
    {
        var cookie = stock.Value.Cookie;
        var errors = new List<string>();
        options.Name = Map("Name", cookie.Name, StockDefaults.Cookie.Name, options.Name, CookieDefaults.Name, errors)!;
        options.Path = Map("Path", cookie.Path, StockDefaults.Cookie.Path, options.Path, CookieDefaults.Path, errors)!;
        options.Domain = Map("Domain", cookie.Domain, StockDefaults.Cookie.Domain, options.Domain, CookieDefaults.Domain, errors) ?? string.Empty;
        options.SameSite = Map("SameSite", cookie.SameSite, StockDefaults.Cookie.SameSite, options.SameSite, CookieDefaults.SameSite, errors);
        options.SecurePolicy = Map(
            "SecurePolicy", cookie.SecurePolicy, StockDefaults.Cookie.SecurePolicy, options.SecurePolicy, CookieDefaults.SecurePolicy, errors);
        ThrowIfAny<SessionCookieOptions>(SessionCookieOptions.SectionName, errors);
    }

    public void PostConfigure(string? name, OrleansSessionOptions options)
    {
        var errors = new List<string>();
        if (stock.Value.IOTimeout != StockDefaults.IOTimeout)
        {
            options.IOTimeout = Resolve(
                "SessionOptions.IOTimeout", OrleansSessionOptions.SectionName + ":IOTimeout",
                stock.Value.IOTimeout, options.IOTimeout, SessionDefaults.IOTimeout, errors);
        }

        if (stock.Value.IdleTimeout != StockDefaults.IdleTimeout)
        {
            options.IdleTimeout = Resolve<TimeSpan?>(
                "SessionOptions.IdleTimeout", OrleansSessionOptions.SectionName + ":IdleTimeout",
                stock.Value.IdleTimeout, options.IdleTimeout, SessionDefaults.IdleTimeout, errors);
        }

        ThrowIfAny<OrleansSessionOptions>(OrleansSessionOptions.SectionName, errors);
    }

    private static T Map<T>(string option, T code, T stockDefault, T configured, T ourDefault, List<string> errors) =>
        EqualityComparer<T>.Default.Equals(code, stockDefault)
            ? configured
            : Resolve($"SessionOptions.Cookie.{option}", $"{SessionCookieOptions.SectionName}:{option}", code, configured, ourDefault, errors);

    private static T Resolve<T>(string codeName, string key, T code, T configured, T ourDefault, List<string> errors)
    {
        if (!EqualityComparer<T>.Default.Equals(configured, ourDefault) && !EqualityComparer<T>.Default.Equals(configured, code))
        {
            errors.Add($"{codeName} is set to '{code}' in code and {key} to '{configured}' in configuration: set one of them.");
        }

        return code;
    }

    private static void ThrowIfAny<TOptions>(string section, List<string> errors)
    {
        if (errors.Count > 0)
        {
            throw new OptionsValidationException(section, typeof(TOptions), errors);
        }
    }
}
