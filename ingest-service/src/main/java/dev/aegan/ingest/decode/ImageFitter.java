package dev.aegan.ingest.decode;

import dev.aegan.ingest.domain.Image;
import dev.aegan.ingest.domain.Shape;

/**
 * The {@code resize=fit} policy: converts an image to a dataset's channel count (RGB to gray by
 * ITU-R BT.601 luma, gray to RGB by copying the plane) and resizes it bilinearly, sampling at pixel
 * centres, to the dataset's height and width.
 */
public final class ImageFitter {
    private ImageFitter() {
    }

    public static Image fit(Image image, Shape target) {
        Image converted = convertChannels(image, target.channels());
        Shape shape = converted.shape();
        if (shape.height() == target.height() && shape.width() == target.width()) {
            return converted;
        }
        return resize(converted, target);
    }

    private static Image convertChannels(Image image, int channels) {
        Shape shape = image.shape();
        if (shape.channels() == channels) {
            return image;
        }
        int plane = shape.height() * shape.width();
        byte[] in = image.pixels();
        byte[] out = new byte[channels * plane];
        if (channels == 1) {
            for (int i = 0; i < plane; i++) {
                double luma = 0.299 * (in[i] & 0xff) + 0.587 * (in[plane + i] & 0xff) + 0.114 * (in[2 * plane + i] & 0xff);
                out[i] = (byte) Math.min(255, Math.round(luma));
            }
        } else {
            for (int c = 0; c < channels; c++) {
                System.arraycopy(in, 0, out, c * plane, plane);
            }
        }
        return new Image(new Shape(channels, shape.height(), shape.width()), out);
    }

    private static Image resize(Image image, Shape target) {
        int inHeight = image.shape().height();
        int inWidth = image.shape().width();
        int outHeight = target.height();
        int outWidth = target.width();
        byte[] in = image.pixels();
        byte[] out = new byte[target.imageSize()];
        double scaleY = (double) inHeight / outHeight;
        double scaleX = (double) inWidth / outWidth;
        for (int c = 0; c < target.channels(); c++) {
            int inPlane = c * inHeight * inWidth;
            int outPlane = c * outHeight * outWidth;
            for (int y = 0; y < outHeight; y++) {
                double sy = Math.min(Math.max((y + 0.5) * scaleY - 0.5, 0), inHeight - 1);
                int y0 = (int) sy;
                int y1 = Math.min(y0 + 1, inHeight - 1);
                double fy = sy - y0;
                for (int x = 0; x < outWidth; x++) {
                    double sx = Math.min(Math.max((x + 0.5) * scaleX - 0.5, 0), inWidth - 1);
                    int x0 = (int) sx;
                    int x1 = Math.min(x0 + 1, inWidth - 1);
                    double fx = sx - x0;
                    double top = (1 - fx) * (in[inPlane + y0 * inWidth + x0] & 0xff)
                            + fx * (in[inPlane + y0 * inWidth + x1] & 0xff);
                    double bottom = (1 - fx) * (in[inPlane + y1 * inWidth + x0] & 0xff)
                            + fx * (in[inPlane + y1 * inWidth + x1] & 0xff);
                    out[outPlane + y * outWidth + x] = (byte) Math.round((1 - fy) * top + fy * bottom);
                }
            }
        }
        return new Image(target, out);
    }
}
