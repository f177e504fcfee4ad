namespace Sessions.Hosting;

/// <summary>Which grain directory a cluster of silos uses to find a session's one activation (AdoNet membership).</summary>
public enum SiloGrainDirectory
{
    /// <summary>
    /// Orleans' strongly consistent directory (its range owners recover entries from the silos when membership
    /// changes): a session has at most one activation even while a silo leaves or dies, so no read is answered by a
    /// second activation that missed the last write. The default.
    /// </summary>
    Consistent = 0,

    /// <summary>
    /// Orleans' default, eventually consistent directory: entries a dead silo held are lost, so for a few seconds after
    /// a silo leaves a session can have two activations and one may answer a read with state older than the last
    /// write (writes stay safe: the stale one's write fails its version check and is replayed on the stored state).
    /// </summary>
    Eventual = 1,
}
