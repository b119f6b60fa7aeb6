using SkiaSharp;

namespace LabRunner.Tui;

/// <summary>A pixel's colour, opaque.</summary>
public readonly record struct Rgb(byte R, byte G, byte B);

/// <summary>One terminal cell of half-block art: '▀' in <see cref="Top"/> over <see cref="Bottom"/> (two pixels per cell).</summary>
public readonly record struct HalfBlock(Rgb Top, Rgb Bottom);

/// <summary>
/// An image as Unicode half-block colour art, which any truecolor terminal (and tmux) shows: decoded with Skia (PNG, JPEG,
/// GIF, WebP), scaled to fit the cells given (keeping its aspect: a cell is about twice as tall as wide, two pixels high),
/// transparent pixels over white.
/// </summary>
public static class HalfBlockArt
{
    public const char Glyph = '▀';

    /// <summary>
    /// Larger images are not decoded: the header's size is read first, so a crafted file that claims a huge canvas costs
    /// nothing (a lab's image comes from its author, not from us). 40 megapixels is far beyond any screenshot.
    /// </summary>
    public const long MaxPixels = 40_000_000;

    /// <summary>The art, rows × columns, or null when the file is missing, too large or not an image Skia can read.</summary>
    public static HalfBlock[,]? Load(string path, int maxColumns, int maxRows)
    {
        // Two pixels a cell, the height made even so every cell has its bottom half.
        if (Shrunk(path, maxColumns, 2 * maxRows, minHeight: 2, evenHeight: true) is not { } pixels) return null;
        var cells = new HalfBlock[pixels.GetLength(0) / 2, pixels.GetLength(1)];
        for (var row = 0; row < cells.GetLength(0); row++)
            for (var col = 0; col < cells.GetLength(1); col++)
                cells[row, col] = new HalfBlock(pixels[2 * row, col], pixels[2 * row + 1, col]);
        return cells;
    }

    /// <summary>
    /// The image's pixels shrunk to fit width × height pixels (never enlarged, aspect kept), over white, indexed [x, y]
    /// as Terminal.Gui's raster images are; null as <see cref="Load"/>. For terminals that draw pixels (Sixel, Kitty).
    /// </summary>
    public static Rgb[,]? Pixels(string path, int maxWidth, int maxHeight)
    {
        if (Shrunk(path, maxWidth, maxHeight, minHeight: 1, evenHeight: false) is not { } shrunk) return null;
        var pixels = new Rgb[shrunk.GetLength(1), shrunk.GetLength(0)];
        for (var y = 0; y < shrunk.GetLength(0); y++)
            for (var x = 0; x < shrunk.GetLength(1); x++)
                pixels[x, y] = shrunk[y, x];
        return pixels;
    }

    /// <summary>The image decoded and shrunk to fit maxWidth × maxHeight pixels (never enlarged, aspect kept), [y, x]; null as <see cref="Load"/>.</summary>
    private static Rgb[,]? Shrunk(string path, int maxWidth, int maxHeight, int minHeight, bool evenHeight)
    {
        if (!File.Exists(path) || maxWidth < 1 || maxHeight < 1) return null;
        try
        {
            using var image = Decode(path);
            if (image is null) return null;
            var scale = Math.Min(1.0, Math.Min((double)maxWidth / image.Width, (double)maxHeight / image.Height));
            var width = Math.Max(1, (int)Math.Round(image.Width * scale));
            var height = Math.Max(minHeight, (int)Math.Round(image.Height * scale));
            if (evenHeight && height % 2 == 1) height++;
            return Shrink(image, width, height);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static SKBitmap? Decode(string path)
    {
        using var stream = File.OpenRead(path);
        using var codec = SKCodec.Create(stream);
        if (codec is null) return null;
        var info = codec.Info;
        if (info.Width < 1 || info.Height < 1 || (long)info.Width * info.Height > MaxPixels) return null;
        var bitmap = new SKBitmap(new SKImageInfo(info.Width, info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        bitmap.Erase(SKColors.Transparent);
        var result = codec.GetPixels(bitmap.Info, bitmap.GetPixels());
        // A truncated file decodes the rows it has (IncompleteInput): show them, the rest stays transparent (white).
        if (result is SKCodecResult.Success or SKCodecResult.IncompleteInput) return bitmap;
        bitmap.Dispose();
        return null;
    }

    /// <summary>
    /// The image at width × height by averaging the source pixels each target pixel covers (a box filter: a screenshot
    /// shrunk tenfold keeps its thin lines as tints instead of dropping them), weighted by alpha, over white.
    /// </summary>
    private static Rgb[,] Shrink(SKBitmap image, int width, int height)
    {
        var source = image.GetPixelSpan();
        var result = new Rgb[height, width];
        for (var y = 0; y < height; y++)
        {
            int top = y * image.Height / height, bottom = Math.Max(top + 1, (y + 1) * image.Height / height);
            for (var x = 0; x < width; x++)
            {
                int left = x * image.Width / width, right = Math.Max(left + 1, (x + 1) * image.Width / width);
                double r = 0, g = 0, b = 0, count = (bottom - top) * (right - left);
                for (var sy = top; sy < bottom; sy++)
                    for (var sx = left; sx < right; sx++)
                    {
                        var i = sy * image.RowBytes + 4 * sx;
                        double alpha = source[i + 3] / 255.0;
                        r += source[i] * alpha + 255 * (1 - alpha);
                        g += source[i + 1] * alpha + 255 * (1 - alpha);
                        b += source[i + 2] * alpha + 255 * (1 - alpha);
                    }
                result[y, x] = new Rgb((byte)Math.Round(r / count), (byte)Math.Round(g / count), (byte)Math.Round(b / count));
            }
        }
        return result;
    }
}
