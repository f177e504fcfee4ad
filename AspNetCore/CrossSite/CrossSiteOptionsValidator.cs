using Microsoft.Extensions.Options;

namespace Sessions.AspNetCore;

public sealed class CrossSiteOptionsValidator : IValidateOptions<CrossSiteOptions>
{
    public ValidateOptionsResult Validate(string? name, CrossSiteOptions options)
    {
        var errors = new List<string>();
        for (var i = 0; i < options.TrustedOrigins.Count; i++)
        {
            var origin = options.TrustedOrigins[i];
            if (CrossSiteRequestJudge.OriginOf(origin) is not { } parsed || !string.Equals(parsed, origin.TrimEnd('/'), StringComparison.OrdinalIgnoreCase))
            {
                errors.Add($"CrossSite:TrustedOrigins:{i} '{origin}' must be an origin: http or https, a host and optionally a port, nothing after it (e.g. https://app.example.com).");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
