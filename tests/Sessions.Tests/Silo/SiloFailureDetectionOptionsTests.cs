using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Sessions.Configuration;
using Sessions.Storage;
using Sessions.Hosting;

namespace Sessions.Tests.Silo;

public sealed class SiloFailureDetectionOptionsTests
{
    [Fact]
    public void ApplyTo_Unset_KeepsOrleansDefaults()
    {
        var options = ConfiguredSilo.Options<SiloHostingOptions>([]);
        var membership = new ClusterMembershipOptions();

        options.FailureDetection.ApplyTo(membership);

        Assert.Equal(TimeSpan.FromSeconds(5), membership.ProbeTimeout);
        Assert.Equal(3, membership.NumMissedProbesLimit);
    }

    [Fact]
    public void ApplyTo_Configured_SetsProbeTimeoutAndItsDerivedBounds()
    {
        var options = ConfiguredSilo.Options<SiloHostingOptions>(new()
        {
            ["Silo:FailureDetection:ProbeTimeout"] = "00:00:02",
            ["Silo:FailureDetection:NumMissedProbesLimit"] = "4",
        });
        var membership = new ClusterMembershipOptions();

        options.FailureDetection.ApplyTo(membership);

        Assert.Equal(TimeSpan.FromSeconds(2), membership.ProbeTimeout);
        Assert.Equal(4, membership.NumMissedProbesLimit);
        Assert.Equal(TimeSpan.FromSeconds(1), membership.MinProbeTimeout); // Orleans derives the bounds from ProbeTimeout
        Assert.Equal(TimeSpan.FromSeconds(8), membership.MaxProbeTimeout);
    }

    [Fact]
    public void OutOfRangeValues_NameTheKeys()
    {
        var error = Assert.Throws<OptionsValidationException>(() => ConfiguredSilo.Build(new()
        {
            ["Silo:FailureDetection:ProbeTimeout"] = "00:00:00",
            ["Silo:FailureDetection:NumMissedProbesLimit"] = "0",
        }));

        Assert.Equal(
            [
                "Silo:FailureDetection:ProbeTimeout must be more than zero and at most 00:05:00.",
                "Silo:FailureDetection:NumMissedProbesLimit must be between 1 and 100.",
            ],
            error.Failures);
    }
}
