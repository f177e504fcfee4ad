using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Sessions.Configuration;

public static class ValidatedOptionsServiceCollectionExtensions
{
    /// <summary>
    /// The one registration of an options class: bound from <paramref name="sectionName"/>, its texts checked (a value
    /// that does not convert is reported with its key rather than as a binder exception), validated by
    /// <typeparamref name="TValidator"/> at start. Asking again for the same class changes nothing, so the silo and the
    /// frontend can both ask for what they read when they share a process.
    /// </summary>
    public static IServiceCollection AddValidatedOptions<TOptions, TValidator>(this IServiceCollection services, string sectionName)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        if (services.Any(d => d.ServiceType == typeof(IValidateOptions<TOptions>) && d.ImplementationType == typeof(TValidator)))
        {
            return services;
        }

        services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
        services.AddOptions<TOptions>()
            .Configure<IConfiguration>((_, configuration) => ConfigurationTextCheck.ThrowIfInvalid<TOptions>(configuration, sectionName))
            .BindConfiguration(sectionName)
            .ValidateOnStart();
        return services;
    }
}
