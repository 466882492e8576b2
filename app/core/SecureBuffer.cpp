#include "SecureBuffer.h"

#include <new>
#include <sodium.h>
#include <utility>

namespace foyer::core {

namespace {

void ensureSodium()
{
    // sodium_init is thread-safe and idempotent; it must run before sodium_malloc.
    static const bool ready = sodium_init() >= 0;
    if (!ready)
        throw std::bad_alloc();
}

} // namespace

SecureBuffer::SecureBuffer(qsizetype size)
{
    if (size <= 0)
        return;
    ensureSodium();
    m_data = static_cast<char*>(sodium_malloc(size_t(size)));
    if (!m_data)
        throw std::bad_alloc();
    sodium_memzero(m_data, size_t(size));
    m_size = size;
}

SecureBuffer::~SecureBuffer()
{
    clear();
}

SecureBuffer::SecureBuffer(SecureBuffer&& other) noexcept
    : m_data(std::exchange(other.m_data, nullptr))
    , m_size(std::exchange(other.m_size, 0))
{
}

SecureBuffer& SecureBuffer::operator=(SecureBuffer&& other) noexcept
{
    if (this != &other) {
        clear();
        m_data = std::exchange(other.m_data, nullptr);
        m_size = std::exchange(other.m_size, 0);
    }
    return *this;
}

SecureBuffer SecureBuffer::copyOf(QByteArrayView bytes)
{
    SecureBuffer buffer(bytes.size());
    if (!bytes.isEmpty())
        memcpy(buffer.m_data, bytes.data(), size_t(bytes.size()));
    return buffer;
}

SecureBuffer SecureBuffer::fromUtf8(const QString& text)
{
    QByteArray utf8 = text.toUtf8();
    return takeFrom(utf8);
}

SecureBuffer SecureBuffer::takeFrom(QByteArray& bytes)
{
    SecureBuffer buffer = copyOf(bytes);
    wipe(bytes);
    return buffer;
}

void SecureBuffer::wipe(QByteArray& bytes)
{
    if (!bytes.isEmpty() && !bytes.isDetached())
        bytes.clear(); // shared with another QByteArray: we cannot wipe what it still uses, only let go of it
    if (!bytes.isEmpty())
        sodium_memzero(bytes.data(), size_t(bytes.size()));
    bytes.clear();
}

void SecureBuffer::wipe(QString& text)
{
    if (!text.isEmpty() && text.isDetached())
        sodium_memzero(text.data(), size_t(text.size()) * sizeof(QChar));
    text.clear();
}

bool SecureBuffer::operator==(const SecureBuffer& other) const
{
    if (m_size != other.m_size)
        return false;
    return m_size == 0 || sodium_memcmp(m_data, other.m_data, size_t(m_size)) == 0;
}

void SecureBuffer::clear()
{
    if (m_data)
        sodium_free(m_data); // zeroes the bytes before it unlocks and frees them
    m_data = nullptr;
    m_size = 0;
}

} // namespace foyer::core
