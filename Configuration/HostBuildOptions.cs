using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Sessions.Configuration;

public static class HostBuildOptions
{
    /// <summary>
    /// The value of <typeparamref name="TOptions"/> for a decision made while the host is being built (embedded or
    /// client, which clustering, which storage), through exactly the binding and validators registered for it with
    /// <see cref="ValidatedOptionsServiceCollectionExtensions.AddValidatedOptions{TOptions, TValidator}"/>: the options
    /// registrations of <paramref name="builder"/> are resolved in a throwaway container. Throws
    /// <see cref="OptionsValidationException"/> naming the key when a value is invalid.
    /// </summary>
    public static TOptions GetValidatedOptions<TOptions>(this IHostApplicationBuilder builder)
        where TOptions : class
    {
        IServiceCollection services = new ServiceCollection();
        services.AddOptions();
        services.AddSingleton<IConfiguration>(builder.Configuration);
        services.AddSingleton(builder.Environment);
        foreach (var descriptor in builder.Services.Where(IsOptionsRegistration))
        {
            services.Add(descriptor);
        }

        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<TOptions>>().Value;
    }

    private static bool IsOptionsRegistration(ServiceDescriptor descriptor) =>
        !descriptor.IsKeyedService
        && descriptor.ServiceType.IsConstructedGenericType
        && descriptor.ServiceType.GetGenericTypeDefinition() is var definition
        && (definition == typeof(IConfigureOptions<>) || definition == typeof(IPostConfigureOptions<>)
            || definition == typeof(IValidateOptions<>));
}
