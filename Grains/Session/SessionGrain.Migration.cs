using Orleans.Runtime.Placement;

namespace Sessions.Grains;

/// <summary>
/// Live migration (the rebalancer moving sessions to a new silo, a graceful shutdown moving them off a stopping one):
/// the state travels with the activation, so the new one reads nothing from storage, and the exact last access and
/// unstored visits go with it. Changes not yet stored (write-behind) are stored before the move; if that fails they
/// travel as dirty state (the new activation stores them, over whatever another writer left) instead of being lost.
/// </summary>
public sealed partial class SessionGrain : IGrainMigrationParticipant
{
    private const string MigrationKey = "sessions.session";

    /// <summary>This silo's list of session activations, for a graceful shutdown (intrusive: two references per activation).</summary>
    internal SessionGrain? PreviousActive { get; set; }

    internal SessionGrain? NextActive { get; set; }

    public void OnDehydrate(IDehydrationContext dehydrationContext)
    {
        if (Record.Dehydrate() is { } moving)
        {
            dehydrationContext.TryAddValue(MigrationKey, moving);
        }
    }

    public void OnRehydrate(IRehydrationContext rehydrationContext)
    {
        if (rehydrationContext.TryGetValue(MigrationKey, out SessionMigration? moved) && moved is not null)
        {
            Record.Rehydrate(moved);
        }
    }

    /// <summary>
    /// Asks Orleans to move this activation: to <paramref name="to"/>, or where placement puts it (off a stopping silo,
    /// placement picks another).
    /// </summary>
    internal void MigrateAway(SiloAddress? to = null) =>
        GrainContext.Migrate(to is null ? null : new Dictionary<string, object> { [IPlacementDirector.PlacementHintKey] = to });

    /// <summary>In a migration, unstored changes are stored first; the last access and visits travel instead.</summary>
    private static bool IsMigrating(DeactivationReason reason) => reason.ReasonCode == DeactivationReasonCode.Migrating;
}
