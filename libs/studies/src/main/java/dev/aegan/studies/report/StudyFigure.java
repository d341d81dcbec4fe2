package dev.aegan.studies.report;

import dev.aegan.studies.results.ResultTable;
import dev.aegan.studies.spec.Figure;
import dev.aegan.studies.spec.Study;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The figure a study declares, drawn from its results, as a PNG. */
public final class StudyFigure {

    private StudyFigure() {
    }

    public static byte[] png(Study study, ResultTable results) {
        Figure figure = study.figure();
        String title = study.name() + ": " + figure.kind() + " (" + results.seeds().size() + " seeds planned)";
        BufferedImage image = switch (figure.kind()) {
            case "frontier" -> FrontierFigure.draw(title, figure, results);
            case "lines" -> LinesFigure.draw(title, figure, results);
            case "bars" -> BarsFigure.draw(title, figure, results);
            default -> throw new IllegalStateException("StudyFiles admits no figure kind " + figure.kind());
        };
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return png.toByteArray();
    }
}
