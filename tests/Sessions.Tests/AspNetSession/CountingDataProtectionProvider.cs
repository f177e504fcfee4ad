using Microsoft.AspNetCore.DataProtection;

namespace Sessions.Tests.AspNetSession;

/// <summary>Data protection that counts how often it protects (encrypts and authenticates) something.</summary>
public sealed class CountingDataProtectionProvider(IDataProtectionProvider inner) : IDataProtectionProvider
{
    private long _protects;

    public long Protects => Interlocked.Read(ref _protects);

    public IDataProtector CreateProtector(string purpose) => new Protector(inner.CreateProtector(purpose), this);

    private sealed class Protector(IDataProtector inner, CountingDataProtectionProvider owner) : IDataProtector
    {
        public IDataProtector CreateProtector(string purpose) => new Protector(inner.CreateProtector(purpose), owner);

        public byte[] Protect(byte[] plaintext)
        {
            Interlocked.Increment(ref owner._protects);
            return inner.Protect(plaintext);
        }

        public byte[] Unprotect(byte[] protectedData) => inner.Unprotect(protectedData);
    }
}
