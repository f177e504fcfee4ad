namespace Sessions.Grains;

/// <summary>A call under a renewed-away ID: followed to <see cref="Target"/>, or nowhere (no target).</summary>
internal readonly record struct ForwardedCall(ISessionGrain? Target);
