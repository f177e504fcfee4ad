using Orleans.Configuration;

namespace Sessions.Hosting;

public static class SessionGrainDirectorySiloBuilderExtensions
{
    /// <summary>
    /// Orleans' strongly consistent grain directory for <see cref="SiloGrainDirectory.Consistent"/>, with
    /// <paramref name="crashLease"/> as its range lease. Experimental in Orleans 10 (ORLEANSEXP003: its API may change);
    /// used because with the default directory a silo's loss briefly leaves a session with two activations, and a
    /// clean-clone CI run read a count one lower than the acknowledged one from the second. Orleans' 30 s lease made
    /// new sessions wait past <c>Session:IOTimeout</c> (503) for seconds after a killed silo came back; without it, a
    /// crashed silo's sessions activate elsewhere once it is declared dead.
    /// </summary>
    public static ISiloBuilder AddSessionGrainDirectory(this ISiloBuilder silo, SiloGrainDirectory directory, TimeSpan crashLease)
    {
        if (directory != SiloGrainDirectory.Consistent)
        {
            return silo;
        }

#pragma warning disable ORLEANSEXP003
        silo.AddDistributedGrainDirectory();
#pragma warning restore ORLEANSEXP003
        silo.Configure<GrainDirectoryOptions>(options => options.RangeLeaseDuration = crashLease);
        return silo;
    }
}
