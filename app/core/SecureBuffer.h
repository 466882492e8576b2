#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace foyer::core {

// The one home for every key, password and token held in memory: bytes in libsodium's guarded, locked pages
// (sodium_malloc: never swapped, guard pages around them), wiped with sodium_memzero when cleared or destroyed.
// Move-only, so a secret is never copied by accident. Never log or print its contents.
class SecureBuffer
{
public:
    SecureBuffer() = default;
    // size zeroed bytes; throws std::bad_alloc when the locked pages cannot be had.
    explicit SecureBuffer(qsizetype size);
    ~SecureBuffer();
    SecureBuffer(SecureBuffer&& other) noexcept;
    SecureBuffer& operator=(SecureBuffer&& other) noexcept;
    SecureBuffer(const SecureBuffer&) = delete;
    SecureBuffer& operator=(const SecureBuffer&) = delete;

    static SecureBuffer copyOf(QByteArrayView bytes);
    // A password as typed, in UTF-8.
    static SecureBuffer fromUtf8(const QString& text);
    // Copies then wipes the caller's buffer, for the moment a secret arrives in an ordinary QByteArray (a keychain
    // read, a line read from standard input): the only copy left is the locked one.
    static SecureBuffer takeFrom(QByteArray& bytes);

    // Wipes ordinary buffers that held a secret (only their current storage; detach copies earlier if needed).
    static void wipe(QByteArray& bytes);
    static void wipe(QString& text);

    SecureBuffer clone() const { return copyOf(view()); }
    char* data() { return m_data; }
    const char* constData() const { return m_data; }
    qsizetype size() const { return m_size; }
    bool isEmpty() const { return m_size == 0; }
    QByteArrayView view() const { return QByteArrayView(m_data, m_size); }
    bool operator==(const SecureBuffer& other) const;
    void clear();

private:
    char* m_data = nullptr;
    qsizetype m_size = 0;
};

} // namespace foyer::core
