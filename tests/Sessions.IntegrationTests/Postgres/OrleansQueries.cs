using System.Data;
using Npgsql;

namespace Sessions.Tests.Postgres;

/// <summary>
/// Runs a query text from <c>OrleansQuery</c> the way Orleans' ADO.NET providers do: one command, unprefixed
/// parameter names with the DbType Orleans derives from the .NET type, every result set read by column name.
/// </summary>
internal static class OrleansQueries
{
    public static async Task<List<Dictionary<string, object?>>> RunAsync(
        string connectionString, string key, CancellationToken cancellationToken, params (string Name, object? Value, DbType Type)[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        string text;
        await using (var load = new NpgsqlCommand("SELECT QueryText FROM OrleansQuery WHERE QueryKey = @key", connection))
        {
            load.Parameters.AddWithValue("key", key);
            text = (string)(await load.ExecuteScalarAsync(cancellationToken))!;
        }

        await using var command = connection.CreateCommand();
        command.CommandText = text;
        foreach (var (name, value, type) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.DbType = type;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        var rows = new List<Dictionary<string, object?>>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        do
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var row = new Dictionary<string, object?>(StringComparer.Ordinal);
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                }

                rows.Add(row);
            }
        }
        while (await reader.NextResultAsync(cancellationToken));

        return rows;
    }

    /// <summary>The single value of a one-row, one-column answer (the 1/0 results of membership and reminder writes).</summary>
    public static async Task<int> SingleIntAsync(
        string connectionString, string key, CancellationToken cancellationToken, params (string Name, object? Value, DbType Type)[] parameters)
    {
        var rows = await RunAsync(connectionString, key, cancellationToken, parameters);
        var row = Assert.Single(rows);
        return Convert.ToInt32(Assert.Single(row.Values), System.Globalization.CultureInfo.InvariantCulture);
    }
}
