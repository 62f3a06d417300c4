/**
 * The file name an upload arrived with (multipart filename), kept because
 * NCMEC's fileDetails asks for the original file name of each reported file
 * and a police hand-over should name files as the platform knew them.
 */
export const sql = `
ALTER TABLE media ADD COLUMN original_name text;
`;
