using System.Buffers.Binary;
using LabRunner.Tui;
using SkiaSharp;

namespace LabRunner.Tests.Tui;

/// <summary>The lab's image as half-block art: the colours kept, shrunk to fit, and files an author got wrong (or crafted) give no art, never a crash.</summary>
public sealed class HalfBlockArtTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lr-art-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_png_keeps_its_colours_one_cell_per_two_pixels()
    {
        var path = Path.Combine(_dir, "a.png");
        TestImages.Write(path, 3, 2, (x, y) => y == 0 ? new SKColor(10, 200, 30) : new SKColor(0, 0, 255, 0));

        var art = HalfBlockArt.Load(path, 80, 10)!;

        Assert.Equal((1, 3), (art.GetLength(0), art.GetLength(1)));
        Assert.Equal(new Rgb(10, 200, 30), art[0, 2].Top);
        Assert.Equal(new Rgb(255, 255, 255), art[0, 2].Bottom); // transparent over white
    }

    [Fact]
    public void A_large_image_is_shrunk_to_the_cells_given_by_averaging_what_each_cell_covers()
    {
        var path = Path.Combine(_dir, "stripes.png");
        // 40 × 40: columns alternate black and white, so every shrunk pixel is the average grey.
        TestImages.Write(path, 40, 40, (x, _) => x % 2 == 0 ? SKColors.Black : SKColors.White);

        var art = HalfBlockArt.Load(path, 10, 5)!;

        Assert.Equal((5, 10), (art.GetLength(0), art.GetLength(1)));
        Assert.All(art.Cast<HalfBlock>(), cell => Assert.InRange(cell.Top.R, 126, 129));
    }

    [Fact]
    public void A_jpeg_is_read_too()
    {
        var path = Path.Combine(_dir, "photo.jpg");
        TestImages.Write(path, 8, 8, (_, _) => new SKColor(200, 40, 40));

        var art = HalfBlockArt.Load(path, 80, 10)!;

        Assert.InRange(art[0, 0].Top.R, 190, 210);
        Assert.InRange(art[0, 0].Top.G, 30, 50);
    }

    [Theory]
    [InlineData("not an image at all")]
    [InlineData("")]
    public void A_file_that_is_not_an_image_gives_no_art(string text)
    {
        var path = Path.Combine(_dir, "x.png");
        File.WriteAllText(path, text);
        Assert.Null(HalfBlockArt.Load(path, 80, 10));
        Assert.Null(HalfBlockArt.Load(Path.Combine(_dir, "missing.png"), 80, 10));
    }

    [Fact]
    public void A_png_that_claims_a_huge_canvas_is_refused_before_anything_is_allocated()
    {
        var path = Path.Combine(_dir, "bomb.png");
        TestImages.Write(path, 2, 2, (_, _) => SKColors.Red);
        var bytes = File.ReadAllBytes(path);
        // IHDR starts at byte 8 (length, "IHDR", width, height, ...); claim 100,000 × 100,000 and fix the chunk's CRC.
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(16), 100_000);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(20), 100_000);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(29), PngCrc(bytes.AsSpan(12, 17)));
        File.WriteAllBytes(path, bytes);

        var before = GC.GetTotalAllocatedBytes(precise: true);
        Assert.Null(HalfBlockArt.Load(path, 80, 10));
        Assert.True(GC.GetTotalAllocatedBytes(precise: true) - before < 10_000_000);
    }

    [Fact]
    public void Damaged_copies_of_an_image_never_throw()
    {
        var original = Path.Combine(_dir, "gradient.png");
        TestImages.Write(original, 120, 64, (x, y) => new SKColor((byte)(2 * x), (byte)(4 * y), (byte)(x ^ y), (byte)(255 - y)));
        var good = File.ReadAllBytes(original);
        var seed = 20261202;
        var random = new Random(seed);
        for (var round = 0; round < 60; round++)
        {
            var bytes = (byte[])good.Clone();
            if (round % 3 == 0) bytes = bytes[..random.Next(8, bytes.Length)]; // truncated
            else
                for (var flips = 0; flips < 1 + round; flips++)
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            var path = Path.Combine(_dir, $"damaged-{round}.png");
            File.WriteAllBytes(path, bytes);
            var art = HalfBlockArt.Load(path, 76, 20); // null or some art: either way no exception (seed {seed})
            if (art is not null) Assert.InRange(art.GetLength(1), 1, 76);
        }
    }

    /// <summary>PNG's chunk CRC (CRC-32, polynomial 0xEDB88320), so the forged header is still a valid chunk.</summary>
    private static uint PngCrc(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }
}
