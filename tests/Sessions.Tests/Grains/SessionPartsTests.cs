namespace Sessions.Tests.Grains;

/// <summary>The session grain's parts that need no cluster: the expiry rules and the admission share.</summary>
public sealed class SessionPartsTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 4, 0, 0, TimeSpan.Zero);

    private static SessionState NewSession() =>
        SessionState.Create(Start, new SessionExpiryOptions { IdleTimeout = TimeSpan.FromMinutes(20), AbsoluteLifetime = TimeSpan.FromHours(1) }, generation: 3);

    [Fact]
    public void Expiry_IdleLapse_IsJudgedFromTheInMemoryLastAccess_AndEndsAtItsExactEnd()
    {
        var state = NewSession();
        var lastAccess = Start + TimeSpan.FromMinutes(30);
        var now = lastAccess + TimeSpan.FromMinutes(25);

        Assert.False(SessionExpiry.IsLapsed(state, lastAccess, lastAccess + TimeSpan.FromMinutes(19)));
        Assert.True(SessionExpiry.IsLapsed(state, lastAccess, now));
        Assert.Equal(SessionEndReason.IdleTimeout, SessionExpiry.LapseReason(state, now));
        Assert.Equal(lastAccess + TimeSpan.FromMinutes(20), SessionExpiry.EndedAt(state, lastAccess, SessionEndReason.IdleTimeout, now));
    }

    [Fact]
    public void Expiry_AbsoluteLifetime_EndsAnActiveSession_AtItsAbsoluteEnd()
    {
        var state = NewSession();
        var lastAccess = Start + TimeSpan.FromMinutes(59);
        var now = Start + TimeSpan.FromMinutes(61);

        Assert.True(SessionExpiry.IsLapsed(state, lastAccess, now));
        Assert.Equal(SessionEndReason.AbsoluteTimeout, SessionExpiry.LapseReason(state, now));
        Assert.Equal(Start + TimeSpan.FromHours(1), SessionExpiry.EndedAt(state, lastAccess, SessionEndReason.AbsoluteTimeout, now));
        Assert.Equal(now, SessionExpiry.EndedAt(state, lastAccess, SessionEndReason.Destroyed, now));
    }

    [Fact]
    public void Expiry_AccessIsDueForStorage_OnlyPastTheFractionOfTheIdleTimeout()
    {
        var state = NewSession();

        Assert.False(SessionExpiry.AccessDueForStorage(state, Start + TimeSpan.FromMinutes(5), 0.25));
        Assert.True(SessionExpiry.AccessDueForStorage(state, Start + TimeSpan.FromMinutes(5) + TimeSpan.FromTicks(1), 0.25));
    }

    [Fact]
    public void AdmissionShare_CountsTheSessionOnce_TracksItsBytes_AndReleasesBoth()
    {
        var admission = new SessionAdmission(maxSessions: 10, maxBytes: 10_000);
        var share = new SessionAdmissionShare();

        share.Admit(admission, 100);
        share.Admit(admission, 250);
        Assert.Equal((1L, 250L), (admission.Sessions, admission.Bytes));
        Assert.Equal(250, share.Bytes);

        share.Release(admission);
        share.Release(admission);
        Assert.Equal((0L, 0L), (admission.Sessions, admission.Bytes));
    }

    [Fact]
    public void Moves_TheTraceOfARenewal_KeepsNoItemsNorUser_AndLastsUntilTheAbsoluteEnd()
    {
        var state = NewSession();
        state.UserId = "ann";
        state.Items = state.Items.Add("cart", [1]);
        var now = Start + TimeSpan.FromMinutes(10);

        var trace = SessionMoves.Trace(state, "handle", "new-key", now, TimeSpan.FromSeconds(30));

        Assert.Empty(trace.Items);
        Assert.Null(trace.UserId);
        Assert.Equal("handle", trace.Handle);
        Assert.Equal(new SessionForward("new-key", now + TimeSpan.FromSeconds(30)), trace.Forward);
        Assert.Equal(state.AbsoluteExpiresAt, trace.ExpiresAt(now));
        Assert.Equal(state.Version + 1, trace.Version);
        Assert.Equal(state.Generation, trace.Generation); // an end-all after the move ends the trace with the session
    }

    [Fact]
    public void Moves_ASignedInStart_CarriesTheUserAndTheLoginTimes()
    {
        var login = new SessionLogin("ann", ["admin"], "agent", "10.0.0.1") { IdleTimeout = TimeSpan.FromMinutes(5) };

        var state = SessionMoves.SignedIn(login, Start, new SessionExpiryOptions(), generation: 3);

        Assert.Equal("ann", state.UserId);
        Assert.Equal(3, state.Generation);
        Assert.Equal(["admin"], state.Login!.Roles);
        Assert.Equal((Start, Start), (state.Login.AuthenticatedAt, state.Login.RenewedAt));
        Assert.Equal(TimeSpan.FromMinutes(5), state.IdleTimeout);
    }

    [Fact]
    public void RecentPages_KeepTheLastTwentyInOrder_AndCountEveryView()
    {
        var state = NewSession();
        for (var i = 1; i <= 25; i++)
        {
            state.Record(new SessionVisit($"/page/{i}", IsPageView: true), Start + TimeSpan.FromSeconds(i));
        }

        Assert.Equal(25, state.PageViews);
        Assert.Equal(Enumerable.Range(6, 20).Select(i => $"/page/{i}"), state.RecentPages.Select(p => p.Path));
    }

    [Fact]
    public void RecentOperations_RememberTheLastEight_AndForgetOlderOnes()
    {
        var state = NewSession();
        var operations = Enumerable.Range(0, 10).Select(_ => Guid.NewGuid()).ToList();
        for (var i = 0; i < operations.Count; i++)
        {
            state.Remember(operations[i], i);
        }

        Assert.Equal([null, null], operations.Take(2).Select(state.ValueOf));
        Assert.Equal(Enumerable.Range(2, 8).Select(i => (long?)i), operations.Skip(2).Select(state.ValueOf));
        Assert.Equal(SessionState.MaxRecentOperations, state.RecentOperations.Length);
    }
}
