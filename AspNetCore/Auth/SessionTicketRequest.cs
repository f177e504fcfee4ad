namespace Sessions.AspNetCore;

/// <summary>
/// What one request learnt of its ticket-store session when the cookie handler read the ticket (kept in
/// <see cref="HttpContext.Items"/>): the ID it was read under and the session as loaded, for the ID renewal and the
/// principal re-validation that follow in <c>OnValidatePrincipal</c>. Once the session moved, <see cref="NewId"/> is the
/// ID the authentication cookie carries from this response on (<see cref="SessionTicketDataFormat"/> writes it).
/// </summary>
internal sealed class SessionTicketRequest(string id, string grainKey, SessionSnapshot session)
{
    private static readonly object ItemsKey = new();

    /// <summary>The ID the cookie named (the store's key: the session ID and its secret's key id).</summary>
    public string Id { get; } = id;

    /// <summary>The grain key the session was found under.</summary>
    public string GrainKey { get; } = grainKey;

    public SessionSnapshot Session { get; set; } = session;

    public string? NewId { get; set; }

    public static SessionTicketRequest? Of(HttpContext? http) =>
        http?.Items.TryGetValue(ItemsKey, out var request) == true ? request as SessionTicketRequest : null;

    public static void Remember(HttpContext http, string id, string grainKey, SessionSnapshot session) =>
        http.Items[ItemsKey] = new SessionTicketRequest(id, grainKey, session);

    /// <summary>The ID the session of <paramref name="id"/> lives under after this request's renewal, if it renewed.</summary>
    public static string Current(HttpContext? http, string id) => Of(http) is { NewId: { } newId } request && request.Id == id ? newId : id;
}
