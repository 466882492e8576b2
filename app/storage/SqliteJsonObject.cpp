#include "SqliteJsonObject.h"

#include <QByteArray>
#include <cmath>
#include <cstdio>
#include <sqlite3.h>

namespace foyer::storage {

namespace {

void appendString(QByteArray& out, const unsigned char* text, int size)
{
    static const char hex[] = "0123456789abcdef";
    out.append('"');
    for (int i = 0; i < size; ++i) {
        const unsigned char c = text[i];
        switch (c) {
        case '"':
            out.append("\\\"");
            break;
        case '\\':
            out.append("\\\\");
            break;
        case '\n':
            out.append("\\n");
            break;
        case '\r':
            out.append("\\r");
            break;
        case '\t':
            out.append("\\t");
            break;
        default:
            if (c < 0x20) {
                out.append("\\u00");
                out.append(hex[c >> 4]);
                out.append(hex[c & 15]);
            } else {
                out.append(char(c)); // UTF-8 passes through as it is
            }
        }
    }
    out.append('"');
}

void jsonObject(sqlite3_context* context, int argc, sqlite3_value** argv)
{
    if (argc % 2 != 0) {
        sqlite3_result_error(context, "json_object() requires an even number of arguments", -1);
        return;
    }
    QByteArray out;
    out.reserve(64 * (argc / 2 + 1));
    out.append('{');
    for (int i = 0; i < argc; i += 2) {
        if (sqlite3_value_type(argv[i]) != SQLITE_TEXT) {
            sqlite3_result_error(context, "json_object() labels must be TEXT", -1);
            return;
        }
        if (i > 0)
            out.append(',');
        appendString(out, sqlite3_value_text(argv[i]), sqlite3_value_bytes(argv[i]));
        out.append(':');
        sqlite3_value* value = argv[i + 1];
        switch (sqlite3_value_type(value)) {
        case SQLITE_NULL:
            out.append("null");
            break;
        case SQLITE_INTEGER:
            out.append(QByteArray::number(sqlite3_value_int64(value)));
            break;
        case SQLITE_FLOAT: {
            const double d = sqlite3_value_double(value);
            if (!std::isfinite(d)) {
                out.append("null");
            } else {
                char buffer[40];
                std::snprintf(buffer, sizeof buffer, "%.17g", d);
                out.append(buffer);
                // "%g" writes 2 for 2.0: keep it a real, as JSON1 does, so the type survives the round trip.
                if (!QByteArray(buffer).contains('.') && !QByteArray(buffer).contains('e'))
                    out.append(".0");
            }
            break;
        }
        case SQLITE_TEXT:
            appendString(out, sqlite3_value_text(value), sqlite3_value_bytes(value));
            break;
        default:
            sqlite3_result_error(context, "JSON cannot hold BLOB values", -1);
            return;
        }
    }
    out.append('}');
    sqlite3_result_text(context, out.constData(), int(out.size()), SQLITE_TRANSIENT);
}

} // namespace

bool SqliteJsonObject::install(sqlite3* db)
{
    if (sqlite3_exec(db, "SELECT json_object()", nullptr, nullptr, nullptr) == SQLITE_OK)
        return true;
    return sqlite3_create_function(db, "json_object", -1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr, &jsonObject,
                                   nullptr, nullptr) == SQLITE_OK;
}

} // namespace foyer::storage
