namespace Sessions.AspNetCore;

/// <summary>
/// The session id one request acts on, and the cookie that carries it. An id is only issued, cookie and all, when a
/// write needs it, and an id whose session is gone is never revived: the next write gets a fresh one. The cookie is
/// written when the response starts, like the built-in session's, so an error response still carries it.
/// </summary>
public sealed class SessionIdLifecycle
{
    private readonly HttpContext _http;
    private readonly SessionCookie _cookie;
    private readonly SessionGrains _grains;
    private readonly SessionCreationLimiter _creations;
    private string? _id;
    private string? _grainKey;
    private string? _publicId;
    private string? _sentId;
    private bool _isNew;
    private bool _knownAbsent;
    private CookieChange _cookieChange;
    private bool _onStartingRegistered;

    public SessionIdLifecycle(
        HttpContext http, SessionCookie cookie, SessionGrains grains, SessionCreationLimiter creations, string? cookieSessionId)
    {
        _http = http;
        _cookie = cookie;
        _grains = grains;
        _creations = creations;
        _id = cookieSessionId;
        HasCookie = cookieSessionId is not null;
    }

    private enum CookieChange
    {
        None,
        Issue,
        Clear,
    }

    /// <summary>True when the request carried a valid session cookie.</summary>
    public bool HasCookie { get; }

    /// <summary>The id grain calls go to; null when the request has none yet.</summary>
    public string? Current => _id;

    /// <summary>The grain key of <see cref="Current"/> (a keyed hash of it), computed once per id.</summary>
    public string GrainKey => _grainKey ??= _grains.KeyOf(_id ?? throw new InvalidOperationException("The request has no session id."));

    /// <summary>The id was generated in this request and nothing is stored under it yet.</summary>
    public bool IsNew => _isNew;

    /// <summary>State may be stored under <see cref="Current"/>: it came from the cookie and no read said otherwise.</summary>
    public bool MayExist => _id is not null && !_isNew && !_knownAbsent;

    /// <summary>
    /// The non-secret identifier a session under this id starts with (a hash of its grain key; rotations carry it over,
    /// so a loaded session's own handle is the one to show). A request without a live session gets the identifier of the
    /// fresh id its first write will establish, so it does not change on that write.
    /// </summary>
    public string PublicId
    {
        get
        {
            if (_id is null || _knownAbsent)
            {
                UseFreshId();
            }

            return _publicId ??= SessionFingerprint.PublicId(GrainKey);
        }
    }

    /// <summary>A read found no live session under the cookie's id.</summary>
    public void MarkAbsent() => _knownAbsent = true;

    /// <summary>A write stored state under <see cref="Current"/>.</summary>
    public void MarkStored()
    {
        _isNew = false;
        _knownAbsent = false;
    }

    /// <summary>Makes sure there is an id the next write can create state under; a new one gets its cookie.</summary>
    public void Establish()
    {
        if (_id is null || _knownAbsent)
        {
            UseFreshId();
        }

        if (_isNew && _cookieChange != CookieChange.Issue)
        {
            _creations.ThrowIfLimited(_http);
            IssueCookie();
        }
    }

    /// <summary>The session of <see cref="Current"/> turned out to be gone while writing: continue under a fresh id.</summary>
    public void Rotate()
    {
        _creations.ThrowIfLimited(_http);
        UseFreshId();
        IssueCookie();
    }

    /// <summary>
    /// The session moved to <paramref name="newId"/> (signed in, or renewed), keeping its <paramref name="handle"/>:
    /// later calls go there, and its cookie is issued.
    /// </summary>
    public void SwitchTo(string newId, string handle)
    {
        _id = newId;
        _grainKey = null;
        _publicId = handle;
        _isNew = false;
        _knownAbsent = false;
        IssueCookie();
    }

    /// <summary>The store refused the write that was to create the session of a new id: it needs no cookie.</summary>
    public void WriteRefused()
    {
        if (_isNew && _cookieChange == CookieChange.Issue)
        {
            _cookieChange = CookieChange.None;
        }
    }

    /// <summary>The session was destroyed: no id any more, and a cookie the client holds is cleared.</summary>
    public void End()
    {
        _id = null;
        _grainKey = null;
        _publicId = null;
        _isNew = false;
        _knownAbsent = false;
        _cookieChange = HasCookie ? CookieChange.Clear : CookieChange.None;
        if (HasCookie)
        {
            RegisterOnStarting();
        }
    }

    private void UseFreshId()
    {
        _id = SessionCookie.NewId();
        _grainKey = null;
        _publicId = null;
        _isNew = true;
        _knownAbsent = false;
    }

    private void IssueCookie()
    {
        if (_http.Response.HasStarted)
        {
            if (_sentId == _id)
            {
                return;
            }

            throw new InvalidOperationException("The session cannot be established after the response has started.");
        }

        _cookieChange = CookieChange.Issue;
        RegisterOnStarting();
    }

    private void RegisterOnStarting()
    {
        if (!_onStartingRegistered)
        {
            _onStartingRegistered = true;
            _http.Response.OnStarting(static state => ((SessionIdLifecycle)state).WriteCookie(), this);
        }
    }

    private Task WriteCookie()
    {
        if (_cookieChange == CookieChange.Issue)
        {
            _cookie.Issue(_http.Response, _id!);
            _sentId = _id;
        }
        else if (_cookieChange == CookieChange.Clear)
        {
            _cookie.Clear(_http.Response);
        }

        return Task.CompletedTask;
    }
}
