using System.ComponentModel.DataAnnotations;

namespace Sessions.WebFrontend.Shop;

public sealed class CheckoutAddress
{
    [Required(ErrorMessage = "Enter the name to deliver to.")]
    [StringLength(100)]
    public string? Name { get; set; }

    [Required(ErrorMessage = "Enter the street and number.")]
    [StringLength(200)]
    public string? Street { get; set; }

    [Required(ErrorMessage = "Enter the city.")]
    [StringLength(100)]
    public string? City { get; set; }

    [Required(ErrorMessage = "Enter the postal code.")]
    [RegularExpression("^[A-Za-z0-9 -]{3,10}$", ErrorMessage = "A postal code is 3 to 10 letters, digits, spaces or dashes.")]
    [Display(Name = "Postal code")]
    public string? PostalCode { get; set; }

    /// <summary>Whether every field passes its rules (an address stored through the API has not been validated).</summary>
    public bool IsValid() => Validator.TryValidateObject(this, new ValidationContext(this), null, validateAllProperties: true);
}
