namespace Sessions.Configuration;

/// <summary>Facts about the secret session ids are hashed with.</summary>
public static class SessionKeySecret
{
    /// <summary>Length of a generated secret, and the least a configured one must have.</summary>
    public const int Bytes = 32;
}
