using Microsoft.Extensions.DependencyInjection.Extensions;
using MimeKit;

namespace SymposiumBooking.Web.Infrastructure.Outbox;

/// <summary>
/// Turns an outbox row into its mail at send time (docs/adr/0066-features-register-their-outbox-renderers.md). Each
/// feature registers its renderers for the message types it writes (<see cref="OutboxRenderers.AddOutboxRenderer"/>);
/// the dispatcher looks the row's type up and knows nothing of the features.
/// </summary>
public interface IOutboxRenderer
{
    /// <summary>The mail, or null when there is nothing true to say any more (the row then counts as sent).</summary>
    Task<MimeMessage?> RenderAsync(string type, string payload, CancellationToken ct);
}

public static class OutboxRenderers
{
    /// <summary>Registers <typeparamref name="TRenderer"/> (scoped, one per dispatch round) as the renderer of <paramref name="types"/>.</summary>
    public static IServiceCollection AddOutboxRenderer<TRenderer>(this IServiceCollection services, params string[] types)
        where TRenderer : class, IOutboxRenderer
    {
        services.TryAddScoped<TRenderer>();
        foreach (var type in types)
        {
            services.AddKeyedScoped<IOutboxRenderer>(type, static (sp, _) => sp.GetRequiredService<TRenderer>());
        }

        return services;
    }

    /// <summary>The renderer registered for <paramref name="type"/>; none is a bug, and the row's attempt fails.</summary>
    public static IOutboxRenderer For(IServiceProvider services, string type) =>
        services.GetKeyedService<IOutboxRenderer>(type)
        ?? throw new InvalidOperationException($"No sender for outbox messages of type '{type}'.");
}
