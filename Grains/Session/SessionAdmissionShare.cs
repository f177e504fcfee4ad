namespace Sessions.Grains;

/// <summary>
/// What one activation's session counts against its silo's <see cref="SessionAdmission"/> limits: the session (once) and
/// its bytes. A struct inside the grain, so it costs no object.
/// </summary>
internal struct SessionAdmissionShare
{
    private bool _admitted;

    /// <summary>The bytes counted for this session.</summary>
    public long Bytes { get; private set; }

    /// <summary>Counts the session, now of <paramref name="bytes"/>.</summary>
    public void Admit(SessionAdmission admission, long bytes)
    {
        admission.Add(_admitted ? 0 : 1, bytes - Bytes);
        _admitted = true;
        Bytes = bytes;
    }

    /// <summary>The session left memory or ended: it no longer counts.</summary>
    public void Release(SessionAdmission admission)
    {
        admission.Add(_admitted ? -1 : 0, -Bytes);
        _admitted = false;
        Bytes = 0;
    }
}
