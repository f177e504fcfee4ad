namespace Sessions.AspNetCore;

/// <summary>
/// One request's ID renewal of a ticket-store session (kept in <see cref="HttpContext.Items"/>): the grain said the
/// renewal is due when the ticket was read (<see cref="DueId"/>); once the session moved, <see cref="NewId"/> is the ID
/// the authentication cookie carries from this response on (<see cref="SessionTicketDataFormat"/> writes it).
/// </summary>
internal sealed class SessionTicketRenewal(string dueId)
{
    private static readonly object ItemsKey = new();

    public string DueId { get; } = dueId;

    public string? NewId { get; set; }

    public static SessionTicketRenewal? Of(HttpContext? http) =>
        http?.Items.TryGetValue(ItemsKey, out var renewal) == true ? renewal as SessionTicketRenewal : null;

    public static void MarkDue(HttpContext http, string id) => http.Items[ItemsKey] = new SessionTicketRenewal(id);

    /// <summary>The ID the session of <paramref name="id"/> lives under after this request's renewal, if it renewed.</summary>
    public static string Current(HttpContext? http, string id) => Of(http) is { NewId: { } newId } renewal && renewal.DueId == id ? newId : id;
}
