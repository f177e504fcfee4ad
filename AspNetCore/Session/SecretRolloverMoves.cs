using System.Diagnostics.Metrics;

namespace Sessions.AspNetCore;

/// <summary>
/// Counts sessions moved from a previous session-key secret to the current one (<c>sessions.frontend.secret_rollover_moves</c>):
/// during a secret rollover it shows the moves tailing off, and that the previous secret can be removed.
/// </summary>
public sealed class SecretRolloverMoves(IMeterFactory meters, ILogger<SecretRolloverMoves> logger)
{
    private readonly Counter<long> _moves = meters.Create(SessionsMeter.Name).CreateCounter<long>(
        "sessions.frontend.secret_rollover_moves", "{session}", "Sessions moved from a previous session-key secret to the current one.");

    internal void Moved(string sessionHandle, SessionSecret previous)
    {
        _moves.Add(1);
        logger.SessionMovedToCurrentSecret(sessionHandle, previous.ToString());
    }
}
