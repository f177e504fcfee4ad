using System.Security.Cryptography;
using System.Text;

namespace Sessions.AspNetCore;

/// <summary>
/// The bearer-token check in front of every server-to-server endpoint. Tokens are kept as SHA-256 hashes and a presented
/// token is hashed the same way, so the comparison runs over 32 bytes whatever the lengths, in constant time
/// (<see cref="CryptographicOperations.FixedTimeEquals"/>), against every configured token. No token is ever logged.
/// </summary>
internal sealed class SessionServerTokens(IEnumerable<string> tokens, ILogger logger) : IEndpointFilter
{
    private const string Scheme = "Bearer ";

    private readonly byte[][] _hashes = [.. tokens.Select(token => SHA256.HashData(Encoding.UTF8.GetBytes(token)))];

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (IsAuthorized(http.Request.Headers.Authorization.ToString()))
        {
            return next(context);
        }

        logger.ServerApiUnauthorized(ClientAddress.Of(http));
        http.Response.Headers.WWWAuthenticate = "Bearer";
        return ValueTask.FromResult<object?>(Problems.MissingToken());
    }

    private bool IsAuthorized(string authorization)
    {
        if (!authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        Span<byte> presented = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(authorization[Scheme.Length..].Trim()), presented);
        var match = false;
        foreach (var hash in _hashes)
        {
            match |= CryptographicOperations.FixedTimeEquals(presented, hash); // every token compared: no early exit
        }

        return match;
    }
}
