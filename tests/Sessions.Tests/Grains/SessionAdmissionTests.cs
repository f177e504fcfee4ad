namespace Sessions.Tests.Grains;

/// <summary>The silo's admission counters: limits on sessions and bytes, and a full silo that does not flood its log.</summary>
public sealed class SessionAdmissionTests
{
    [Fact]
    public void CountsAndBytes_AreCheckedAgainstTheirLimits_ShrinkingAlwaysFits()
    {
        var admission = new SessionAdmission(maxSessions: 2, maxBytes: 100);
        admission.Add(1, 60);

        Assert.True(admission.CanAdmit(40));
        Assert.False(admission.CanAdmit(41));
        Assert.True(admission.CanGrow(-500));
        admission.Add(1, 0);
        Assert.False(admission.CanAdmit(0));
        admission.Add(-1, -60);
        Assert.True(admission.CanAdmit(100));
    }

    [Fact]
    public void RefusalsAreReported_OncePerInterval()
    {
        var admission = new SessionAdmission(1, 1);
        var start = ClusterFixture.Epoch;

        Assert.True(admission.ShouldReport(start));
        Assert.False(admission.ShouldReport(start + SessionAdmission.ReportInterval - TimeSpan.FromMilliseconds(1)));
        Assert.True(admission.ShouldReport(start + SessionAdmission.ReportInterval));
        Assert.False(admission.ShouldReport(start + SessionAdmission.ReportInterval));
    }
}
