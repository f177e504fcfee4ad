using Microsoft.Extensions.Options;

namespace Sessions.Configuration;

/// <summary>Validates <see cref="SessionsClusterOptions"/> against the connection strings; every message names its key.</summary>
public sealed class SessionsClusterOptionsValidator(IOptions<SessionsConnectionStrings> connectionStrings)
    : IValidateOptions<SessionsClusterOptions>
{
    public ValidateOptionsResult Validate(string? name, SessionsClusterOptions options)
    {
        var errors = new List<string>();
        if (!Enum.IsDefined(options.Membership))
        {
            errors.Add($"Cluster:Membership must be one of {string.Join(", ", Enum.GetNames<ClusterMembership>())}.");
        }

        if (options.GatewayPort is < 1 or > 65535)
        {
            errors.Add("Cluster:GatewayPort must be between 1 and 65535.");
        }

        if (options.Membership == ClusterMembership.AdoNet && string.IsNullOrWhiteSpace(connectionStrings.Value.Sessions))
        {
            errors.Add("ConnectionStrings:Sessions must be set when Cluster:Membership is AdoNet.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
