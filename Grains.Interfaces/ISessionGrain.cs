namespace Sessions.Grains.Interfaces;

/// <summary>One browser session; the key is the opaque id carried by the session cookie.</summary>
/// <remarks>
/// Not reentrant on purpose: one activation runs one call at a time, so concurrent requests of one
/// session apply their deltas one after the other and nothing is lost.
/// </remarks>
[Alias("sessions.ISessionGrain")]
public interface ISessionGrain : IGrainWithStringKey
{
    /// <summary>Reads the whole session and counts as an access (sliding expiry). Null when there is no live session.</summary>
    [Alias("Load")]
    ValueTask<SessionSnapshot?> LoadAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// <see cref="LoadAsync"/> with a read lease for <paramref name="holder"/> (see <see cref="SessionLease"/>): when the
    /// session is still at <paramref name="heldVersion"/> (the version of the snapshot the frontend holds, -1 for none)
    /// the answer carries no items, only the renewed lease.
    /// </summary>
    [Alias("LoadLeased")]
    ValueTask<SessionLeasedRead> LoadLeasedAsync(ISessionLeaseHolder holder, long heldVersion, CancellationToken cancellationToken = default);

    /// <summary>
    /// Counts a read a frontend served from a lease at <paramref name="accessedAt"/> (the silo's clock: when its
    /// <see cref="ISiloSessionAccessGrain"/> received the report, less how long before sending it the read was served),
    /// for the sliding idle expiry. One-way.
    /// </summary>
    [Alias("RecordLeasedAccess"), OneWay]
    Task RecordLeasedAccessAsync(DateTimeOffset accessedAt);

    /// <summary>
    /// <paramref name="holder"/> confirms, as a call, that it dropped its lease at <paramref name="version"/>, answering a
    /// revocation with <see cref="SessionLeaseRevocation.ConfirmByCall"/>; <paramref name="lastAccessAgo"/> as
    /// <see cref="ISessionLeaseHolder.RevokeAsync"/> answers it. One-way; runs while the change that revoked waits.
    /// </summary>
    [Alias("ConfirmLeaseRevoked"), OneWay, AlwaysInterleave]
    Task ConfirmLeaseRevokedAsync(ISessionLeaseHolder holder, long version, TimeSpan? lastAccessAgo);

    /// <summary>
    /// Reads one value and counts as an access, like <see cref="LoadAsync"/>. Null when there is no live session or it
    /// has no such key.
    /// </summary>
    [Alias("GetValue")]
    ValueTask<SessionValue?> GetValueAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// <see cref="GetValueAsync"/> that also says whether the session is live, so a caller tells an ID naming no
    /// session apart from a missing item (a frontend counts and remembers dead IDs). Added beside <c>GetValue</c>:
    /// silos are upgraded before frontends.
    /// </summary>
    [Alias("LookUpValue")]
    ValueTask<SessionValueLookup> LookUpValueAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Applies a batch of set/remove changes atomically, creating the session if needed.</summary>
    [Alias("Apply")]
    ValueTask<SessionWriteResult> ApplyAsync(SessionChangeSet changes, CancellationToken cancellationToken = default);

    /// <summary>Adds <paramref name="by"/> to the integer stored under <paramref name="key"/> (absent counts as 0).</summary>
    [Alias("Increment")]
    ValueTask<SessionWriteResult> IncrementAsync(string key, long by, bool createIfMissing, CancellationToken cancellationToken = default);

    /// <summary>
    /// <see cref="IncrementAsync"/> at most once per <paramref name="operationId"/> (a new id per logical increment): the
    /// session remembers its last few operations with its state, so a call retried after its silo died answers the
    /// first result instead of counting twice.
    /// </summary>
    [Alias("IncrementOnce")]
    ValueTask<SessionWriteResult> IncrementOnceAsync(
        string key, long by, bool createIfMissing, Guid operationId, CancellationToken cancellationToken = default);

    /// <summary>Ends the session: its state is deleted from storage and the activation goes away.</summary>
    [Alias("Destroy")]
    ValueTask DestroyAsync(CancellationToken cancellationToken = default);

    /// <summary>Timestamps and size of the session without its items. Null when there is no live session.</summary>
    [Alias("GetInfo")]
    ValueTask<SessionInfo?> GetInfoAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Moves the session to a new ID (login or renewal, see <see cref="SessionRotation"/>). Serialized with the session's
    /// other calls: of two requests racing a renewal one rotates and the other gets
    /// <see cref="SessionRotationStatus.AlreadyRotated"/>.
    /// </summary>
    [Alias("Rotate")]
    ValueTask<SessionRotationResult> RotateAsync(SessionRotation rotation, CancellationToken cancellationToken = default);

    /// <summary>
    /// Like <see cref="GetInfoAsync"/> for the system itself (user index, administration): followed from a renewed-away
    /// ID to the live one, never counted as a use of the ID.
    /// </summary>
    [Alias("Describe")]
    ValueTask<SessionInfo?> DescribeAsync(CancellationToken cancellationToken = default);

    /// <summary>Ends the session for <paramref name="reason"/>, following a renewed-away ID to the live one.</summary>
    [Alias("End")]
    ValueTask EndAsync(SessionEndReason reason, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims the principal re-validation of a signed-in session that is due (<see cref="SessionInfo.RevalidationDue"/>):
    /// true for exactly one caller, which then asks the app's source of truth and reports with
    /// <see cref="CompleteRevalidationAsync"/>; false when the check is not due, another caller claimed it less than
    /// <see cref="SessionRevalidation.ClaimLease"/> ago, or there is no signed-in session. A claim not completed within
    /// the lease (its frontend failed) lapses and the next request claims again.
    /// </summary>
    [Alias("ClaimRevalidation")]
    ValueTask<bool> ClaimRevalidationAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies the answer of a principal re-validation: a valid user keeps the session, with the roles the answer gives;
    /// an invalid one ends it (<see cref="SessionEndReason.PrincipalInvalid"/>). Answers the session's metadata as
    /// <see cref="LoadAsync"/> would, or null when the session ended (or was gone).
    /// </summary>
    [Alias("CompleteRevalidation")]
    ValueTask<SessionInfo?> CompleteRevalidationAsync(SessionRevalidation revalidation, CancellationToken cancellationToken = default);

    /// <summary>
    /// Counts a page view or interaction of the visit, in memory: stored with the session's next write or when it leaves
    /// memory, never a storage write of its own. Ignored when there is no live session. One-way: the page does not wait.
    /// </summary>
    [Alias("RecordVisit"), OneWay]
    Task RecordVisitAsync(SessionVisit visit);
}
