using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Sessions.Silo;

namespace Sessions.Tests.Silo;

public sealed class SiloFailureDetectionOptionsTests
{
    [Fact]
    public void ApplyTo_Unset_KeepsOrleansDefaults()
    {
        var options = SiloHostingOptions.Load(Section([]));
        var membership = new ClusterMembershipOptions();

        options.FailureDetection.ApplyTo(membership);

        Assert.Equal(TimeSpan.FromSeconds(5), membership.ProbeTimeout);
        Assert.Equal(3, membership.NumMissedProbesLimit);
    }

    [Fact]
    public void ApplyTo_Configured_SetsProbeTimeoutAndItsDerivedBounds()
    {
        var options = SiloHostingOptions.Load(Section(new()
        {
            ["Silo:FailureDetection:ProbeTimeout"] = "00:00:02",
            ["Silo:FailureDetection:NumMissedProbesLimit"] = "4",
        }));
        var membership = new ClusterMembershipOptions();

        options.FailureDetection.ApplyTo(membership);

        Assert.Equal(TimeSpan.FromSeconds(2), membership.ProbeTimeout);
        Assert.Equal(4, membership.NumMissedProbesLimit);
        Assert.Equal(TimeSpan.FromSeconds(1), membership.MinProbeTimeout); // Orleans derives the bounds from ProbeTimeout
        Assert.Equal(TimeSpan.FromSeconds(8), membership.MaxProbeTimeout);
    }

    [Fact]
    public void Load_OutOfRangeValues_NameTheOptions()
    {
        var error = Assert.Throws<OptionsValidationException>(() => SiloHostingOptions.Load(Section(new()
        {
            ["Silo:FailureDetection:ProbeTimeout"] = "00:00:00",
            ["Silo:FailureDetection:NumMissedProbesLimit"] = "0",
        })));

        Assert.Equal(
            [
                "Silo:FailureDetection:ProbeTimeout must be more than zero and at most 00:05:00.",
                "Silo:FailureDetection:NumMissedProbesLimit must be between 1 and 100.",
            ],
            error.Failures);
    }

    private static IConfigurationSection Section(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection(SiloHostingOptions.SectionName);
}
