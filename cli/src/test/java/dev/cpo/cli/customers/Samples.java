package dev.cpo.cli.customers;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;

/** Small hand-made input files whose aggregates are computed by hand in the tests. */
final class Samples {

    static final String CDNOW = """
             customer_id  date number_of_cds  dollar_value\r
             00001 19970101 1 11.77\r
             00002 19970112 1 12.00\r
             00002 19970112 5 77.00\r
             00003 19970102 2 20.76\r
             00003 19970330 2 20.76\r
            """;

    static final String ONLINE_RETAIL = """
            invoice_id,invoice_date,customer_id,domestic_sale,item_types_purchased,total_quantity,total_price
            489434,12/1/09 7:45,13085.0,True,8,166,505.3
            489435,12/1/09 7:46,13085.0,True,4,60,145.79999999999998
            C489449,12/1/09 10:33,13085.0,False,9,-100,-196.10000000000002
            489450,12/2/09 9:00,,True,1,1,10.0
            C489451,12/2/09 9:05,,True,1,-1,-10.0
            489435,12/1/09 7:46,13085.0,True,4,60,145.8
            536365,6/1/10 8:26,17850.0,True,7,40,139.12
            """;

    static final String CSV = """
            customer_id,order_id,occurred_at,amount,quantity,email_consent,country,first_name,last_name,email,currency
            C-1,O-1,2024-01-05T10:00:00Z,100.00,2,true,de,Ada,Lovelace,ada@example.com,EUR
            C-1,O-2,2024-02-10,50.50,1,,,,,,EUR
            C-1,O-2,2024-02-11T09:00:00+01:00,-20.25,1,,,,,,EUR
            C-2,O-3,2024-03-01T00:00:00Z,10,,,,,,,
            ,O-4,2024-03-02,5,,,,,,,
            C-3,O-5,2024-01-01,30,,false,,,,,
            C-3,O-6,2024-04-01,-40,,,,,,,
            """;

    private Samples() {
    }

    static ParsedFile read(ImportFormat format, String text) {
        try {
            return format.reader().read(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
