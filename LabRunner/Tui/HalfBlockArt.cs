using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace LabRunner.Tui;

/// <summary>One terminal cell of half-block art: '▀' in <see cref="Top"/> over <see cref="Bottom"/> (two pixels per cell).</summary>
public readonly record struct HalfBlock(Rgb24 Top, Rgb24 Bottom);

/// <summary>
/// An image as Unicode half-block colour art, which any truecolor terminal (and tmux) shows: decoded with ImageSharp,
/// scaled to fit the cells given (keeping its aspect: a cell is about twice as tall as wide, two pixels high), transparent
/// pixels over white.
/// </summary>
public static class HalfBlockArt
{
    public const char Glyph = '▀';

    /// <summary>The art, rows × columns, or null when the file is missing or not an image.</summary>
    public static HalfBlock[,]? Load(string path, int maxColumns, int maxRows)
    {
        if (!File.Exists(path) || maxColumns < 1 || maxRows < 1) return null;
        try
        {
            using var image = Image.Load<Rgba32>(path);
            var scale = Math.Min(1.0, Math.Min((double)maxColumns / image.Width, 2.0 * maxRows / image.Height)); // never enlarged
            var width = Math.Max(1, (int)Math.Round(image.Width * scale));
            var height = Math.Max(2, (int)Math.Round(image.Height * scale));
            if (height % 2 == 1) height++;
            image.Mutate(x => x.Resize(width, height));
            var cells = new HalfBlock[height / 2, width];
            for (var row = 0; row < height / 2; row++)
                for (var col = 0; col < width; col++)
                    cells[row, col] = new HalfBlock(OverWhite(image[col, 2 * row]), OverWhite(image[col, 2 * row + 1]));
            return cells;
        }
        catch (Exception e) when (e is UnknownImageFormatException or InvalidImageContentException or IOException)
        {
            return null;
        }
    }

    private static Rgb24 OverWhite(Rgba32 p)
    {
        byte Mix(byte c) => (byte)((c * p.A + 255 * (255 - p.A)) / 255);
        return new Rgb24(Mix(p.R), Mix(p.G), Mix(p.B));
    }
}
