#pragma once

#include <QImage>
#include <QString>

namespace foyer::reports {

// A QR code (libqrencode, error correction M) as a black-on-white image, one pixel per module, with the quiet zone
// scanners need around it.
class QrCode
{
public:
    static QImage encode(const QString& text);
};

} // namespace foyer::reports
