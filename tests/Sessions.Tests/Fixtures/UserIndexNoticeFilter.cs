using System.Reflection;
using Orleans.Concurrency;

namespace Sessions.Tests.Fixtures;

/// <summary>Silo-side filter feeding <see cref="UserIndexNotices"/> with the one-way calls user index grains handled.</summary>
internal sealed class UserIndexNoticeFilter(UserIndexNotices notices) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.InterfaceMethod is not { } method
            || method.DeclaringType != typeof(IUserSessionsGrain)
            || method.GetCustomAttribute<OneWayAttribute>() is null)
        {
            await context.Invoke();
            return;
        }

        var arguments = Enumerable.Range(0, context.Request.GetArgumentCount()).Select(context.Request.GetArgument).ToArray();
        try
        {
            await context.Invoke();
        }
        finally
        {
            notices.Handled(new UserIndexNotice(context.TargetId.Key.ToString()!, method, arguments));
        }
    }
}
