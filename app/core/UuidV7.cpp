#include "UuidV7.h"

#include <QMutex>
#include <QRandomGenerator>
#include <array>

namespace foyer::core {

QUuid UuidV7::generate()
{
    return generateAt(QDateTime::currentMSecsSinceEpoch());
}

QUuid UuidV7::generateAt(qint64 unixMilliseconds)
{
    // Ids made within one millisecond keep their order: the 12-bit rand_a field becomes a counter (RFC 9562, 6.2
    // method 1), and a clock that steps back is held at the last time used.
    static QMutex mutex;
    static qint64 lastMilliseconds = 0;
    static quint16 counter = 0;
    quint16 sequence = 0;
    {
        QMutexLocker lock(&mutex);
        if (unixMilliseconds <= lastMilliseconds) {
            unixMilliseconds = lastMilliseconds;
            if (++counter > 0x0fff) { // counter exhausted: borrow the next millisecond
                ++unixMilliseconds;
                counter = quint16(QRandomGenerator::system()->bounded(0x0400));
            }
        } else {
            counter = quint16(QRandomGenerator::system()->bounded(0x0400));
        }
        lastMilliseconds = unixMilliseconds;
        sequence = counter;
    }

    std::array<quint8, 16> bytes{};
    const quint64 ms = quint64(unixMilliseconds);
    for (int i = 0; i < 6; ++i)
        bytes[size_t(i)] = quint8(ms >> (40 - 8 * i));
    bytes[6] = quint8(0x70 | ((sequence >> 8) & 0x0f));
    bytes[7] = quint8(sequence & 0xff);
    quint64 random = QRandomGenerator::system()->generate64();
    for (int i = 8; i < 16; ++i) {
        bytes[size_t(i)] = quint8(random);
        random >>= 8;
    }
    bytes[8] = quint8(0x80 | (bytes[8] & 0x3f)); // RFC 4122 variant
    return QUuid::fromRfc4122(QByteArrayView(reinterpret_cast<const char*>(bytes.data()), 16));
}

QString UuidV7::generateText()
{
    return generate().toString(QUuid::WithoutBraces);
}

qint64 UuidV7::timestampOf(const QUuid& uuid)
{
    const QByteArray bytes = uuid.toRfc4122();
    qint64 ms = 0;
    for (int i = 0; i < 6; ++i)
        ms = (ms << 8) | quint8(bytes.at(i));
    return ms;
}

} // namespace foyer::core
