using System.Text;
using Sessions.AspNetCore;

namespace Sessions.Tests.WebFrontend;

/// <summary>How a stored value is shown: JSON when it parses as JSON, else text, else binary.</summary>
public sealed class SessionValueFormatTests
{
    [Theory]
    [InlineData("""{"sku":"A1"}""", "application/json")]
    [InlineData(" [1, 2]\n", "application/json")]
    [InlineData("-42", "application/json")]
    [InlineData("true", "application/json")]
    [InlineData("true story", "text/plain; charset=utf-8")]
    [InlineData("héllo", "text/plain; charset=utf-8")]
    [InlineData("", "text/plain; charset=utf-8")]
    [InlineData("{unterminated", "text/plain; charset=utf-8")]
    public void ContentTypeOf_TextValues(string value, string expected)
    {
        Assert.Equal(expected, SessionValueFormat.ContentTypeOf(Encoding.UTF8.GetBytes(value)));
    }

    [Fact]
    public void ContentTypeOf_InvalidUtf8_IsBinary()
    {
        Assert.Equal("application/octet-stream", SessionValueFormat.ContentTypeOf(new byte[] { 0xC3, 0x28, 0xFF }));
    }
}
