-- Which discount priced a line (limited-use discounts count their uses per member across orders from these).
ALTER TABLE order_line ADD COLUMN discount_id TEXT REFERENCES discount_code(id);
CREATE INDEX order_line_discount ON order_line(discount_id);
