using Orleans.Configuration;

namespace Sessions.Hosting;

/// <summary>
/// How quickly silos declare a silo that stopped answering dead, so its sessions move to the survivors. Bound from
/// <c>Silo:FailureDetection</c>. Orleans does not bind its <see cref="ClusterMembershipOptions"/> from configuration,
/// so the few settings worth tuning are exposed here; an unset value keeps Orleans' default, which suits production
/// (a dead silo is found within roughly 10–30 s). Lower values find a dead silo sooner but risk declaring a silo that
/// is merely slow (a long GC pause, an overloaded host) dead.
/// </summary>
public sealed class SiloFailureDetectionOptions
{
    /// <summary>
    /// The initial timeout of a liveness probe, which is also the period between probes; the effective value then
    /// adapts to measured round trips between half and four times this. Orleans default: 5 seconds.
    /// </summary>
    public TimeSpan? ProbeTimeout { get; set; }

    /// <summary>Missed probes in a row after which a silo votes the probed silo dead. Orleans default: 3.</summary>
    public int? NumMissedProbesLimit { get; set; }

    /// <summary>Every problem with these settings, each naming the option.</summary>
    public IEnumerable<string> Validate()
    {
        if (ProbeTimeout is { } timeout && (timeout <= TimeSpan.Zero || timeout > TimeSpan.FromMinutes(5)))
        {
            yield return "Silo:FailureDetection:ProbeTimeout must be more than zero and at most 00:05:00.";
        }

        if (NumMissedProbesLimit is < 1 or > 100)
        {
            yield return "Silo:FailureDetection:NumMissedProbesLimit must be between 1 and 100.";
        }
    }

    /// <summary>Copies the values that are set onto Orleans' membership options.</summary>
    public void ApplyTo(ClusterMembershipOptions membership)
    {
        if (ProbeTimeout is { } timeout)
        {
            membership.ProbeTimeout = timeout;
        }

        if (NumMissedProbesLimit is { } limit)
        {
            membership.NumMissedProbesLimit = limit;
        }
    }
}
