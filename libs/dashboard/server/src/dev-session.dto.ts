import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class DevTokenRequestDto {
  @ApiProperty({ example: 'rep-ana', description: 'one of the development people' })
  @IsString()
  @Length(1, 100)
  personId!: string;
}

export class DevPersonDto {
  @ApiProperty({ example: 'rep-ana' }) id!: string;
  @ApiProperty({ example: ['rep'], type: [String] }) roles!: string[];
  @ApiProperty({ example: 'east', nullable: true }) team!: string | null;
}

export class DevTokenDto {
  @ApiProperty({ description: 'a bearer token for the API, valid for a working day' }) token!: string;
  @ApiProperty({ example: '8h' }) expiresIn!: string;
}

export class OidcSignInDto {
  @ApiProperty({ example: 'https://id.example.com/realms/acme', description: "the identity provider's issuer (its discovery document is below it)" }) issuer!: string;
  @ApiProperty({ example: 'rapport-dashboard', description: 'the public client the app signs in as (no secret: PKCE)' }) clientId!: string;
  @ApiProperty({ example: 'openid profile' }) scope!: string;
}

export class SignedInDto {
  @ApiProperty({ example: 'rep-ana' }) id!: string;
  @ApiProperty({ example: ['rep'], type: [String] }) roles!: string[];
  @ApiProperty({ type: String, example: 'east', nullable: true }) team!: string | null;
}
