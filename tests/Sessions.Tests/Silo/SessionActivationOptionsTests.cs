using Orleans.Configuration;

namespace Sessions.Tests.Silo;

public sealed class SessionActivationOptionsTests
{
    [Fact]
    public void IdleDeactivation_BecomesTheSessionGrainsCollectionAge()
    {
        var collection = ConfiguredSilo.Options<GrainCollectionOptions>([]);

        Assert.Equal(TimeSpan.FromMinutes(5), collection.ClassSpecificCollectionAge[typeof(SessionGrain).FullName!]);
        Assert.Equal(TimeSpan.FromMinutes(1), collection.CollectionQuantum);
    }

    [Fact]
    public void IdleDeactivation_BelowOrleansQuantum_LowersTheQuantum()
    {
        var collection = ConfiguredSilo.Options<GrainCollectionOptions>(new() { ["SessionActivation:IdleDeactivation"] = "00:00:10" });

        Assert.Equal(TimeSpan.FromSeconds(10), collection.ClassSpecificCollectionAge[typeof(SessionGrain).FullName!]);
        Assert.Equal(TimeSpan.FromSeconds(5), collection.CollectionQuantum);
    }
}
