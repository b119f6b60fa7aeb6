using LabRunner.Labs;
using LabRunner.Text;
using LabRunner.Tests.Labs;
using LabRunner.Tui;
using SkiaSharp;
using Terminal.Gui.App;
using Terminal.Gui.Time;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace LabRunner.Tests.Tui;

/// <summary>The lab's overview, headless: its text with the server's real values, the image as half-blocks, the diagram without one.</summary>
public sealed class LabOverviewTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("labrunner-overview-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly KeyValuePair<string, string>[] Connection =
        [new("socket", "/tmp/labrunner-0/abc/sock"), new("port", "5432"), new("data_directory", "/var/lib/postgresql/15/main"), new("user", "postgres")];

    private static Lab Seed => LabLoader.LoadFile(LabFiles.Seed).Lab!;

    private static (string Screen, Terminal.Gui.Drivers.IDriver Driver, IApplication App, SessionToken Token) Draw(Lab lab, out LabOverview overview, out IApplication app, int width = 90, bool sixel = false)
    {
        app = Application.Create(new VirtualTimeProvider());
        app.Init();
        app.Driver!.SetScreenSize(width, 50);
        // The headless driver skips the terminal's handshake: say what a Sixel terminal with 10×20-pixel cells answers.
        if (sixel) app.Driver.SetSixelSupport(new Terminal.Gui.Drawing.SixelSupportResult { IsSupported = true, Resolution = new System.Drawing.Size(10, 20) });
        var window = new Window { BorderStyle = Terminal.Gui.Drawing.LineStyle.None };
        overview = new LabOverview(lab, new SpanishCatalogue(), () => Connection, () => TimeSpan.FromMinutes(7)) { Width = Dim.Fill(), Height = Dim.Fill() };
        window.Add(overview);
        var token = app.Begin(window)!;
        app.LayoutAndDraw(true);
        return (app.Driver.ToString()!, app.Driver, app, token);
    }

    [Fact]
    public void The_overview_shows_objectives_duration_with_elapsed_time_and_the_servers_real_values()
    {
        var (screen, _, app, token) = Draw(Seed, out _, out _);
        using (app)
        {
            Assert.Contains("Respaldo con API de bajo nivel y Autovacuum", screen);
            Assert.Contains("Objetivo de la práctica:", screen);
            Assert.Contains("  • Entender el funcionamiento del autovacuum en una base de datos.", screen);
            Assert.Contains("Duración aproximada: 30 minutos (este intento: 7 min)", screen);
            Assert.Contains("Tabla de ayuda:", screen);
            Assert.Contains("    socket          /tmp/labrunner-0/abc/sock", screen);
            Assert.Contains("    data_directory  /var/lib/postgresql/15/main", screen);
            Assert.Contains("F9 vuelve a este resumen", screen);
            app.End(token);
        }
    }

    [Fact]
    public async Task A_course_labs_help_table_in_Markdown_is_drawn_as_aligned_columns()
    {
        var lab = await new LabRunner.Authoring.LabSources(null).LoadAsync(Path.Combine(LabRunner.Tests.Authoring.CourseCorpus.Directory, "jsonb-pedidos.md"));
        var (screen, _, app, token) = Draw(lab, out _, out _);
        using (app)
        {
            var rows = screen.Split('\n').Select(r => r.TrimEnd()).ToList();
            var at = rows.FindIndex(r => r.StartsWith("  Operador  Devuelve", StringComparison.Ordinal));
            Assert.True(at >= 0, screen);
            Assert.Equal(["  ────────  ─────────────────────────", "  ->        jsonb", "  ->>       text", "  @>        boolean (contiene)",
                "  ?         boolean (existe la llave)"], rows.Skip(at + 1).Take(5));
            Assert.DoesNotContain("|---|", screen);
            app.End(token);
        }
    }

    [Fact]
    public void At_80_columns_a_long_objective_wraps_instead_of_being_cut()
    {
        var (screen, _, app, token) = Draw(Seed, out _, out _, width: 80);
        using (app)
        {
            var rows = screen.Split('\n').Select(r => r.TrimEnd()).ToList();
            var at = rows.FindIndex(r => r.StartsWith("  • Aprender a utilizar la API de bajo nivel", StringComparison.Ordinal));
            Assert.True(at >= 0, screen);
            Assert.DoesNotContain("•", rows[at + 1]); // the same objective goes on, on the next row
            Assert.EndsWith("respaldos de bases de datos.", rows[at] + " " + rows[at + 1].Trim());
            app.End(token);
        }
    }

    [Fact]
    public void Without_its_image_the_lab_is_drawn_as_a_diagram_of_its_servers_and_tasks()
    {
        var (screen, _, app, token) = Draw(Seed, out var overview, out _);
        using (app)
        {
            Assert.False(overview.ShowsImage); // the seed's image lives in the course repository
            Assert.Contains("main ──copy──▶ backup_dir ──start──▶ restaurado", screen);
            Assert.Contains("│ Tarea 3. Comprobar que el backup se puede restaurar", screen);
            Assert.Contains("│ main, restaurado", screen);
            Assert.Contains("▼", screen);
            Assert.DoesNotContain(HalfBlockArt.Glyph.ToString(), screen);
            app.End(token);
        }
    }

    [Fact]
    public void The_labs_image_is_shown_as_half_blocks_in_its_colours()
    {
        // 4 × 2 pixels: a red top row over a blue bottom row, beside a copy of the lab.
        TestImages.Write(Path.Combine(_dir, "img1.png"), 4, 2, (_, y) => y == 0 ? SKColors.Red : SKColors.Blue);
        var lab = Seed with { SourcePath = Path.Combine(_dir, "lab.yaml"), Images = [new LabImage("img1.png", "diagrama1")] };

        var (screen, driver, app, token) = Draw(lab, out var overview, out _);
        using (app)
        {
            Assert.True(overview.ShowsImage);
            Assert.DoesNotContain("──start──▶", screen);
            var lines = screen.Split('\n');
            var row = Array.FindIndex(lines, l => l.Contains(HalfBlockArt.Glyph));
            Assert.True(row >= 0, screen);
            var col = lines[row].IndexOf(HalfBlockArt.Glyph, StringComparison.Ordinal);
            Assert.Equal(2, col); // indented under "Objetivo Visual:"
            var attribute = driver.Contents![row, col].Attribute!.Value;
            Assert.Equal((255, 0, 0), ((int)attribute.Foreground.R, (int)attribute.Foreground.G, (int)attribute.Foreground.B));
            Assert.Equal((0, 0, 255), ((int)attribute.Background.R, (int)attribute.Background.G, (int)attribute.Background.B));
            app.End(token);
        }
    }

    [Fact]
    public void In_a_terminal_that_draws_pixels_the_image_is_sent_as_sixel_in_the_arts_cells()
    {
        TestImages.Write(Path.Combine(_dir, "img1.png"), 400, 200, (x, _) => x < 200 ? SKColors.Red : SKColors.Blue);
        var lab = Seed with { SourcePath = Path.Combine(_dir, "lab.yaml"), Images = [new LabImage("img1.png", "diagrama1")] };

        var (screen, driver, app, token) = Draw(lab, out var overview, out _, sixel: true);
        using (app)
        {
            app.LayoutAndDraw(true); // the image view placed in the first pass is laid out and drawn in the next
            screen = driver.ToString()!;
            Assert.True(overview.ShowsPixels);
            Assert.DoesNotContain(HalfBlockArt.Glyph.ToString(), screen); // the cells under the pixels are left blank
            var image = Assert.Single(driver.GetOutputBuffer().GetRasterImages());
            var cells = image.DestinationCells;
            Assert.Equal(2, cells.X); // where the half-blocks would be: indented under "Objetivo Visual:"
            Assert.True(cells.Width > 20 && cells.Height > 5, cells.ToString());
            var ansi = driver.ToAnsi();
            Assert.Contains("\u001bP", ansi, StringComparison.Ordinal); // a DCS: the sixel data itself
            app.End(token);
        }
    }

    [Fact]
    public void Without_pixel_graphics_the_image_stays_half_blocks()
    {
        TestImages.Write(Path.Combine(_dir, "img1.png"), 400, 200, (x, _) => x < 200 ? SKColors.Red : SKColors.Blue);
        var lab = Seed with { SourcePath = Path.Combine(_dir, "lab.yaml"), Images = [new LabImage("img1.png", "diagrama1")] };

        var (screen, driver, app, token) = Draw(lab, out var overview, out _);
        using (app)
        {
            Assert.False(overview.ShowsPixels);
            Assert.Contains(HalfBlockArt.Glyph.ToString(), screen);
            Assert.Empty(driver.GetOutputBuffer().GetRasterImages());
            app.End(token);
        }
    }
}
