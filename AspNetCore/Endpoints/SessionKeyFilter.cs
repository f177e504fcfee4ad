using System.Reflection;
using Microsoft.Extensions.Options;

namespace Sessions.AspNetCore;

/// <summary>
/// The check every <c>/items/{key}</c> endpoint starts with: a key outside <c>[A-Za-z0-9._:-]</c> or longer than
/// <c>SessionLimits:MaxKeyLength</c> is answered 400 before the handler runs. The position of the handler's
/// <c>key</c> argument is found once, when the endpoint is built.
/// </summary>
internal static class SessionKeyFilter
{
    public static EndpointFilterDelegate Create(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        var index = Array.FindIndex(context.MethodInfo.GetParameters(), IsKey);
        if (index < 0)
        {
            throw new InvalidOperationException($"{context.MethodInfo.Name} is mapped under /items/{{key}} but takes no string 'key'.");
        }

        var maxLength = context.ApplicationServices.GetRequiredService<IOptions<SessionLimitsOptions>>().Value.MaxKeyLength;
        return invocation => SessionKeyRules.IsValid(invocation.GetArgument<string>(index), maxLength)
            ? next(invocation)
            : ValueTask.FromResult<object?>(Problems.BadKey(maxLength));
    }

    private static bool IsKey(ParameterInfo parameter) => parameter.Name == "key" && parameter.ParameterType == typeof(string);
}
