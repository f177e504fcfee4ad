using System.Collections.Frozen;
using Microsoft.Extensions.Options;

namespace Sessions.AspNetCore;

/// <summary>
/// The keys the browser-facing API may touch (<see cref="SessionApiOptions"/>), and the check every <c>/items/{key}</c>
/// endpoint of it makes after the key's syntax: a key not declared answers as absent on a read (404, so its existence is
/// not revealed) and 403 on a write, before the handler runs, so nothing is read or changed.
/// </summary>
internal sealed class ClientWritableKeys(IOptions<SessionApiOptions> options)
{
    private readonly FrozenSet<string> _keys = options.Value.ClientWritableKeys.ToFrozenSet(StringComparer.Ordinal);
    private readonly string[] _prefixes = [.. options.Value.ClientWritablePrefixes];

    public bool Allows(string key) =>
        _keys.Contains(key) || Array.Exists(_prefixes, prefix => key.StartsWith(prefix, StringComparison.Ordinal));

    public static EndpointFilterDelegate CreateFilter(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        var index = Array.FindIndex(context.MethodInfo.GetParameters(), p => p.Name == "key" && p.ParameterType == typeof(string));
        if (index < 0)
        {
            throw new InvalidOperationException($"{context.MethodInfo.Name} is mapped under /items/{{key}} but takes no string 'key'.");
        }

        var writable = context.ApplicationServices.GetRequiredService<ClientWritableKeys>();
        return invocation =>
        {
            var key = invocation.GetArgument<string>(index);
            if (writable.Allows(key))
            {
                return next(invocation);
            }

            return ValueTask.FromResult<object?>(HttpMethods.IsGet(invocation.HttpContext.Request.Method)
                ? Problems.NoItem(key)
                : Problems.NotClientWritable(key));
        };
    }
}
