using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Npgsql;
using LabRunner.Psql;

namespace LabRunner.Execution;

/// <summary>
/// Streams a result set: keeps the first rows, counts and hashes all of them (SHA-256 over every cell's UTF-8 text), so
/// that a million-row SELECT costs the kept rows' memory only. Cells are hashed from the wire bytes (GetBytes into one
/// buffer): rows past the kept ones allocate nothing, so the garbage collector has nothing to collect and the process's
/// peak stays at what it keeps.
/// </summary>
internal static class ResultSetReader
{
    // psql right-aligns exactly these types (print.c column_type_alignment): int2/4/8, float4/8, numeric, oid, xid, xid8, cid, money.
    private static readonly HashSet<uint> RightAlignedTypes = [21, 23, 20, 700, 701, 1700, 26, 28, 5069, 29, 790];

    public static async Task<ResultSet> ReadAsync(NpgsqlDataReader reader, int maxKeptRows, CancellationToken ct)
    {
        var n = reader.FieldCount;
        var columns = new ResultColumn[n];
        for (var i = 0; i < n; i++)
            columns[i] = new ResultColumn(reader.GetName(i), reader.GetDataTypeName(i), RightAlignedTypes.Contains(reader.GetDataTypeOID(i)));

        var kept = new List<IReadOnlyList<string?>>();
        long count = 0;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[256];
        var header = new byte[5];
        while (await reader.ReadAsync(ct))
        {
            var row = kept.Count < maxKeptRows ? new string?[n] : null;
            for (var i = 0; i < n; i++)
            {
                if (reader.IsDBNull(i))
                {
                    header[0] = 0;
                    hash.AppendData(header, 0, 1);
                    continue;
                }
                // The server's text as sent (UTF-8: Npgsql sets client_encoding); every result type is read as text.
                var len = (int)reader.GetBytes(i, 0, null, 0, 0);
                if (len > buffer.Length) buffer = new byte[Math.Max(len, buffer.Length * 2)];
                if (len > 0) reader.GetBytes(i, 0, buffer, 0, len);
                if (row is not null) row[i] = Encoding.UTF8.GetString(buffer, 0, len);
                header[0] = 1;
                BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(1), len);
                hash.AppendData(header);
                hash.AppendData(buffer, 0, len);
            }
            header[0] = 2; // row end
            hash.AppendData(header, 0, 1);
            if (row is not null) kept.Add(row);
            count++;
        }
        return new ResultSet(columns, kept, count, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }
}
