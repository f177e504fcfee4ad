using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace Sessions.Storage;

/// <summary>Encrypts each Data Protection key's XML under the key-encryption key before the key ring stores it.</summary>
internal sealed class KeyEncryptionXmlEncryptor(KeyEncryptionKeys keys) : IXmlEncryptor
{
    public const string Purpose = "data-protection-key";
    public static readonly XName ElementName = "sessionsEncryptedKey";

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var plaintext = System.Text.Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var envelope = keys.Seal(Purpose, plaintext, System.Text.Encoding.UTF8.GetBytes(Purpose));
        var element = new XElement(ElementName,
            new XComment(" Encrypted under the key-encryption key (KeyEncryption:KeyPath); see docs/key-management.md. "),
            new XElement("value", Convert.ToBase64String(envelope)));
        return new EncryptedXmlInfo(element, typeof(KeyEncryptionXmlDecryptor));
    }
}
