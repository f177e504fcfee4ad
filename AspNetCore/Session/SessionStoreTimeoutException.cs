namespace Sessions.AspNetCore;

/// <summary>
/// The session grain did not answer within the IO timeout. Derives from <see cref="OperationCanceledException"/>
/// like the built-in session's timeout, so existing handlers keep working; the REST API answers it with 503.
/// </summary>
public sealed class SessionStoreTimeoutException(string message, CancellationToken token)
    : OperationCanceledException(message, token);
