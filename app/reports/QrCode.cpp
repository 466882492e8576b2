#include "QrCode.h"

#include <qrencode.h>

namespace foyer::reports {

QImage QrCode::encode(const QString& text)
{
    const QByteArray utf8 = text.toUtf8();
    QRcode* code = QRcode_encodeString(utf8.constData(), 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (!code)
        return {};
    constexpr int QuietZone = 4;
    const int size = code->width + 2 * QuietZone;
    QImage image(size, size, QImage::Format_Mono);
    image.fill(1); // 1 is white in the default mono colour table below
    image.setColor(0, qRgb(0, 0, 0));
    image.setColor(1, qRgb(255, 255, 255));
    for (int y = 0; y < code->width; ++y)
        for (int x = 0; x < code->width; ++x)
            if (code->data[y * code->width + x] & 1)
                image.setPixel(x + QuietZone, y + QuietZone, 0);
    QRcode_free(code);
    return image;
}

} // namespace foyer::reports
