using System.Reflection;

namespace Sessions.Tests.Fixtures;

/// <summary>A one-way message (a session's end or move) that the index of <see cref="UserId"/> handled.</summary>
public sealed record UserIndexNotice(string UserId, MethodInfo Method, object?[] Arguments);
