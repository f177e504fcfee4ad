using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;

namespace Sessions.Storage;

/// <summary>Decrypts a Data Protection key that <see cref="KeyEncryptionXmlEncryptor"/> encrypted; Data Protection creates it by type with the app's services.</summary>
internal sealed class KeyEncryptionXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var keys = services.GetRequiredService<ConfiguredKeyEncryption>().Keys
            ?? throw new InvalidOperationException("The Data Protection key ring is encrypted, but KeyEncryption:KeyPath is not set.");
        var envelope = Convert.FromBase64String((string?)encryptedElement.Element("value") ?? "");
        var plaintext = keys.Open(KeyEncryptionXmlEncryptor.Purpose, envelope, System.Text.Encoding.UTF8.GetBytes(KeyEncryptionXmlEncryptor.Purpose));
        return XElement.Parse(System.Text.Encoding.UTF8.GetString(plaintext));
    }
}
